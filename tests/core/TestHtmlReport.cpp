// The HTML report's structure (issue #20) on the realistic 34-container set: the sections each detail level holds,
// the size target, one hardened command per container, every finding listed once, rule links that reach their
// entry, and hostile text still escaped.
#include "core/report/HtmlReportWriter.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/RealisticScan.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::ReportDetail)
Q_DECLARE_METATYPE(drydock::HtmlReportWriter::Variant)

class TestHtmlReport : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    const ScanResult m_scan = test::realisticScan(m_catalogue);

    QString html(ReportDetail detail, HtmlReportWriter::Variant variant = HtmlReportWriter::Variant::Browser,
                 const ScanResult* scan = nullptr)
    {
        ReportData data;
        data.scan = scan != nullptr ? scan : &m_scan;
        data.catalogue = &m_catalogue;
        data.scanId = 7;
        data.detail = detail;
        data.scoreTrend = {{3, 1795000000, 40}, {5, 1795500000, 31}, {7, 1796000000, 23}};
        return QString::fromStdString(HtmlReportWriter::write(data, variant));
    }

private slots:
    void eachDetailHoldsItsSections_data()
    {
        QTest::addColumn<ReportDetail>("detail");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        const QStringList summary{"id=\"summary\"", ">Fix first<", ">Quick wins<", "aria-label=\"Open findings by severity\"",
                                  "aria-label=\"Open findings by area\"", "aria-label=\"Posture score per scan"};
        QTest::newRow("summary is the first page alone")
            << ReportDetail::Summary << summary
            << QStringList{"id=\"findings\"", "id=\"rules\"", "id=\"appendix\"", "Hardened command", "<details>"};
        QTest::newRow("objects adds the objects, the rules once and the appendix, without per-finding remediation")
            << ReportDetail::Objects
            << summary + QStringList{"id=\"findings\"", "id=\"rules\"", "id=\"appendix\"", "Hardened command",
                                     "What each change resolves"}
            << QStringList{"<details>", "Remediated command"};
        QTest::newRow("full adds each finding's remediation, folded")
            << ReportDetail::Full
            << summary + QStringList{"id=\"findings\"", "id=\"rules\"", "<details><summary>", "Remediated command",
                                     "<b>Compose</b>"}
            << QStringList{};
    }
    void eachDetailHoldsItsSections()
    {
        QFETCH(ReportDetail, detail);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        const QString page = html(detail);
        for (const QString& p : present) {
            QVERIFY2(page.contains(p), qPrintable(p));
        }
        for (const QString& a : absent) {
            QVERIFY2(!page.contains(a), qPrintable(a));
        }
    }

    void theRealisticSetStaysUnderItsSize()
    {
        QCOMPARE(m_scan.inventory.containers.size(), std::size_t(34));
        QVERIFY2(m_scan.findings.size() > 400, qPrintable(QString::number(m_scan.findings.size())));
        const QByteArray bytes = html(ReportDetail::Objects).toUtf8();
        // 250 KB for the findings, plus the CIS benchmark appendix: 118 recommendations whatever the scan (~28 KB),
        // plus the exposure map of issue #24 (~18 KB of SVG for these 34 containers).
        QVERIFY2(bytes.size() <= 300 * 1024, qPrintable(QString::number(bytes.size() / 1024) + " KB"));
    }

    void everyFindingIsListedOnceAndEveryContainerHasOneCommand()
    {
        const QString page = html(ReportDetail::Objects);
        int open = 0;
        for (const auto& f : m_scan.findings.all()) {
            open += f.waiver ? 0 : 1;
        }
        QCOMPARE(int(page.count(QStringLiteral("class=\"finding\">"))), open);
        // Containers with something above info get their block and its one command; the others one line.
        std::set<std::string> containersWithChanges;
        for (const auto& f : m_scan.findings.all()) {
            if (f.object.type == ObjectType::Container && !f.remediation.runCommand.empty() &&
                f.severity > Severity::Info && !f.waiver) {
                containersWithChanges.insert(f.object.id);
            }
        }
        QCOMPARE(int(page.count(QStringLiteral("<b>Hardened command</b>"))), int(containersWithChanges.size()));
        // Severity counts agree with the scan's own.
        const auto counts = m_scan.findings.countsBySeverity();
        QVERIFY(page.contains(QStringLiteral("critical</span></td><td>%1</td>").arg(counts[4])));
        QVERIFY(page.contains(QStringLiteral("low</span></td><td>%1</td>").arg(counts[1])));
    }

    void everyRuleLinkReachesItsOneEntry_data()
    {
        QTest::addColumn<HtmlReportWriter::Variant>("variant");
        QTest::newRow("in a browser") << HtmlReportWriter::Variant::Browser;
        QTest::newRow("on paper, with room for the page number") << HtmlReportWriter::Variant::Print;
    }
    void everyRuleLinkReachesItsOneEntry()
    {
        QFETCH(HtmlReportWriter::Variant, variant);
        const QString page = html(ReportDetail::Objects, variant);
        QSet<QString> targets;
        const QRegularExpression link(QStringLiteral("<a href=\"#(rule-[A-Z]+-\\d+)\">"));
        for (auto it = link.globalMatch(page); it.hasNext();) {
            targets.insert(it.next().captured(1));
        }
        QVERIFY(targets.size() > 10);
        for (const QString& t : std::as_const(targets)) {
            const QString entry = variant == HtmlReportWriter::Variant::Print ? QStringLiteral("<a name=\"%1\">").arg(t)
                                                                             : QStringLiteral(" id=\"%1\">").arg(t);
            QCOMPARE(int(page.count(entry)), 1);
        }
        if (variant == HtmlReportWriter::Variant::Print) {
            QVERIFY(page.contains(QString::fromLatin1(kPageRefHtml) + QStringLiteral("</a>")));
            QVERIFY(page.contains(QStringLiteral("<img src=\"%1\"").arg(QLatin1String(kSeverityChart.url))));
            QVERIFY(!page.contains(QStringLiteral("<svg")));
        }
    }

    void theFixFirstListStartsWithTheWorstRisk()
    {
        const QString page = html(ReportDetail::Summary);
        const int fixFirst = page.indexOf(QStringLiteral(">Fix first<"));
        QVERIFY(fixFirst > 0);
        // The realistic set's critical risks: privileged containers come first, with the line an attacker reads.
        const QString first = page.mid(fixFirst, page.indexOf(QStringLiteral("</tr>"), page.indexOf(QStringLiteral("<td>1</td>"), fixFirst)) - fixFirst);
        QVERIFY2(first.contains(QStringLiteral("critical")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("root on the host")), qPrintable(first));
    }

    void hostileTextStaysEscapedInEverySection_data()
    {
        QTest::addColumn<ReportDetail>("detail");
        QTest::newRow("summary") << ReportDetail::Summary;
        QTest::newRow("objects") << ReportDetail::Objects;
        QTest::newRow("full") << ReportDetail::Full;
    }
    void hostileTextStaysEscapedInEverySection()
    {
        QFETCH(ReportDetail, detail);
        ScanResult hostile = m_scan;
        std::vector<Finding> fs = hostile.findings.all();
        for (auto& f : fs) {
            f.object.name = "<script>alert(1)</script>" + f.object.name;
            f.title = "\"><img src=x onerror=alert(2)>" + f.title;
            f.evidence += " <b>bold</b>";
        }
        hostile.findings = FindingSet(std::move(fs));
        for (const auto variant : {HtmlReportWriter::Variant::Browser, HtmlReportWriter::Variant::Print}) {
            const QString page = html(detail, variant, &hostile);
            QVERIFY(!page.contains(QStringLiteral("<script")));
            QVERIFY(!page.contains(QStringLiteral("<img src=x")));
            QVERIFY(!page.contains(QStringLiteral("<b>bold</b>")));
            QVERIFY(page.contains(QStringLiteral("&lt;script&gt;")));
        }
    }
};

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "TestHtmlReport.moc"
