// The PDF report read back with poppler's tools: text present (fonts embedded, not a blank PDF), a title
// page, contents and page numbers, hostile text harmless, secrets masked, long commands wrapped.
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportData.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/RealisticScan.h"
#include "ui/export/PdfExporter.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(drydock::ReportDetail)

using namespace drydock;
using drydock::ui::PdfExporter;

namespace {

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

ScanResult sampleScan(int findings)
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000004;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "unix:///var/run/docker.sock";
    r.inventory.engineVersion = "20.10.24+dfsg1";
    r.inventory.apiVersion = "1.41";
    std::vector<Finding> fs;
    for (int i = 0; i < findings; ++i) {
        Finding f;
        f.ruleId = i % 2 ? "CTR-003" : "SEC-001";
        f.area = i % 2 ? Area::Container : Area::Secrets;
        f.severity = static_cast<Severity>(i % 5);
        f.cis = {"5.4", "1.6.0"};
        f.object = {ObjectType::Container, "id" + std::to_string(i / 3), "web-" + std::to_string(i / 3)};
        f.title = "Finding number " + std::to_string(i);
        f.evidence = i == 0 ? "Config.Env DB_PASSWORD=****** (under 8 chars, password)" : "<script>alert(1)</script>";
        f.rationale = "Because it matters.";
        f.fix = "Do the right thing.";
        f.remediation.runCommand = "docker run \\\n  --name web \\\n  --env " + std::string(300, 'X') +
                                   "=LONGVALUEWITHOUTSPACES \\\n  --cap-drop ALL \\\n  app:1.0";
        fs.push_back(f);
    }
    r.findings = FindingSet(std::move(fs));
    r.findings.sort();
    return r;
}

} // namespace

class TestPdfExporter : public QObject
{
    Q_OBJECT
private slots:
    void thePdfReadsBackWithEveryPart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        const ScanResult scan = sampleScan(60);
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ReportData data;
        data.scan = &scan;
        data.catalogue = &catalogue;
        data.scanId = 3;
        auto written = PdfExporter::write(data, path);
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        QVERIFY(QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));

        const QString info = run(QStringLiteral("pdfinfo"), {path});
        const int pages = info.section(QStringLiteral("Pages:"), 1).trimmed().section(QLatin1Char('\n'), 0, 0).toInt();
        QVERIFY2(pages >= 3, qPrintable(info));

        const QString fonts = run(QStringLiteral("pdffonts"), {path});
        QVERIFY2(fonts.contains(QStringLiteral("DejaVu")), qPrintable(fonts));
        for (const QString& line : fonts.split(QLatin1Char('\n')).mid(2)) {
            if (!line.trimmed().isEmpty()) {
                QVERIFY2(line.contains(QStringLiteral(" yes ")), qPrintable(QStringLiteral("not embedded: ") + line));
            }
        }

        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY(text.contains(QStringLiteral("Drydock security report")));
        QVERIFY(text.contains(QStringLiteral("Contents")));
        QVERIFY(text.contains(QStringLiteral("Page 2 of %1").arg(pages)));
        QVERIFY(text.contains(QStringLiteral("Findings by object")));
        QVERIFY(text.contains(QStringLiteral("DB_PASSWORD=******")));
        QVERIFY(text.contains(QStringLiteral("<script>alert(1)</script>"))); // shown as text, harmlessly
        // Wrapped, not cut off: every character of the 322-character word is there, over several lines.
        QString joined = text;
        joined.remove(QRegularExpression(QStringLiteral("\\s+")));
        QVERIFY(joined.contains(QString(300, QLatin1Char('X')) + QStringLiteral("=LONGVALUEWITHOUTSPACES")));
    }

    // A long report: every finding is there once, and the contents send each of 500 objects to the page its
    // heading is drawn on (headings pushed over a page break used to be listed a page early).
    void aLargeReportKeepsEveryFindingAndTrueContents()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("large.pdf"));
        const ScanResult scan = sampleScan(1500);
        ReportData data;
        data.scan = &scan;
        // Long enough that the body is laid out in two parts at once (PdfExporter's kSplitBodyChars): the
        // contents below must point into both.
        QVERIFY(HtmlReportWriter::write(data, HtmlReportWriter::Variant::Print).size() > 400000);
        auto written = PdfExporter::write(data, path);
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        const QString text =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        // Once in the objects' tables; since #20 the summary's "Fix first" names the highest risks before
        // them and "Rules referenced" after them.
        const int from =
            text.indexOf(QStringLiteral("Findings by object"), text.indexOf(QStringLiteral("Fix first")));
        const QString objects = text.mid(from, text.indexOf(QStringLiteral("Rules referenced"), from) - from);
        QCOMPARE(objects.count(QRegularExpression(QStringLiteral("Finding number \\d+\\b"))), 1500);

        const QRegularExpression entry(QStringLiteral("^\\s*container (web-\\d+)\\s+(\\d+)\\s*$"),
                                       QRegularExpression::MultilineOption);
        QList<QPair<QString, int>> entries;
        for (auto it = entry.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            entries.append({m.captured(1), m.captured(2).toInt()});
        }
        QCOMPARE(entries.size(), 500); // one per object
        // pdftotext ends each page with a form feed: page N is pages[N - 1].
        const QStringList pages = text.split(QLatin1Char('\f'));
        for (const auto& [name, page] : std::as_const(entries)) {
            QVERIFY(page >= 1 && page <= pages.size());
            const QRegularExpression heading(QStringLiteral("^\\s*container ") + name + QStringLiteral("\\s*$"),
                                             QRegularExpression::MultilineOption);
            QVERIFY2(pages.at(page - 1).contains(heading),
                     qPrintable(name + QStringLiteral(" is not on page ") + QString::number(page)));
        }
    }

    // Issue #20's targets on the realistic 34-container set: the summary first, charts drawn, each detail within
    // its pages, and every rule link's page number sending the reader to the page that explains the rule.
    void theRealisticSetReadsInFewPages_data()
    {
        QTest::addColumn<ReportDetail>("detail");
        QTest::addColumn<int>("maxPages");
        QTest::addColumn<QStringList>("sections");
        const QStringList summary{"Summary", "Fix first", "Quick wins", "What an attacker gains"};
        // 40 pages for issue #20, and one more since the exposure map of issue #24 follows the summary.
        QTest::newRow("objects, the default, in at most 41 pages")
            << ReportDetail::Objects << 41
            << summary + QStringList{"Findings by object", "Hardened command", "Rules referenced", "Appendix"};
        QTest::newRow("summary, a title, the contents and one page") << ReportDetail::Summary << 4 << summary;
    }
    void theRealisticSetReadsInFewPages()
    {
        QFETCH(ReportDetail, detail);
        QFETCH(int, maxPages);
        QFETCH(QStringList, sections);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("realistic.pdf"));
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        const ScanResult scan = test::realisticScan(catalogue);
        ReportData data;
        data.scan = &scan;
        data.catalogue = &catalogue;
        data.scanId = 9;
        data.detail = detail;
        data.scoreTrend = {{4, 1795000000, 35}, {9, 1796000000, 23}};
        auto written = PdfExporter::write(data, path);
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        const QString info = run(QStringLiteral("pdfinfo"), {path});
        const int pages = info.section(QStringLiteral("Pages:"), 1).trimmed().section(QLatin1Char('\n'), 0, 0).toInt();
        QVERIFY2(pages > 0 && pages <= maxPages, qPrintable(QString::number(pages) + QStringLiteral(" pages")));
        // Three charts (severity, area, trend) are pictures in the PDF.
        const QString images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
        QVERIFY2(images.count(QStringLiteral(" image ")) >= 3, qPrintable(images));

        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        for (const QString& s : sections) {
            QVERIFY2(text.contains(s), qPrintable(s));
        }
        const auto counts = scan.findings.countsBySeverity();
        QVERIFY(text.contains(QStringLiteral("Critical %1 · High %2 · Medium %3 · Low %4 · Info %5")
                                  .arg(counts[4])
                                  .arg(counts[3])
                                  .arg(counts[2])
                                  .arg(counts[1])
                                  .arg(counts[0])));
        const QStringList byPage = text.split(QLatin1Char('\f'));
        const QRegularExpression ref(QStringLiteral("\\b([A-Z]{3}-\\d{3}) p\\. (\\d+)"));
        int checked = 0;
        for (auto it = ref.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            const int page = m.captured(2).toInt();
            QVERIFY2(page >= 1 && page <= byPage.size(), qPrintable(m.captured(0)));
            QVERIFY2(byPage.at(page - 1).contains(m.captured(1) + QStringLiteral(" — ")),
                     qPrintable(m.captured(0) + QStringLiteral(": the rule is not explained on that page")));
            ++checked;
        }
        QCOMPARE(checked > 100, detail == ReportDetail::Objects); // the summary alone links nowhere
    }

    // Every finding's block is drawn once, wherever the page breaks fall: a line straddling the bottom of a page
    // was drawn on both pages (clipped in a viewer, but still in the page's text — pdftotext, search and copy
    // found it twice). The evidence lengths vary so that the breaks fall on different lines in every row.
    void everyFindingIsOnOnePageWhereverThePagesBreak_data()
    {
        QTest::addColumn<int>("shift");
        for (int shift = 0; shift < 8; ++shift) {
            QTest::addRow("evidence lengths shifted by %d", shift) << shift;
        }
    }
    void everyFindingIsOnOnePageWhereverThePagesBreak()
    {
        QFETCH(int, shift);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.pdf"));
        ScanResult scan = sampleScan(40);
        std::vector<Finding>& findings = scan.findings.mutableAll();
        for (std::size_t i = 0; i < findings.size(); ++i) {
            findings[i].evidence = "ev" + std::to_string(i) + std::string((i * 37 + std::size_t(shift) * 11) % 160, 'e');
            findings[i].rationale = std::string((i * 13 + std::size_t(shift) * 29) % 400, 'r');
        }
        ReportData data;
        data.scan = &scan;
        data.detail = ReportDetail::Full;
        auto written = PdfExporter::write(data, path);
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QCOMPARE(int(text.count(QRegularExpression(QStringLiteral("(^|\\n) *Evidence:")))), 40);
        // And every line of a finding's block once: its evidence starts "evN" and is one word.
        for (int i = 0; i < 40; ++i) {
            QCOMPARE(int(text.count(QRegularExpression(QStringLiteral("\\bev%1e*\\b").arg(i)))), 2); // table, block
        }
    }

    void anUnwritablePathIsAClearError()
    {
        const ScanResult scan = sampleScan(1);
        ReportData data;
        data.scan = &scan;
        auto written = PdfExporter::write(data, QStringLiteral("/nonexistent-dir/x.pdf"));
        QVERIFY(!written);
        QVERIFY(QString::fromStdString(written.error().message).contains(QStringLiteral("/nonexistent-dir/x.pdf")));
    }
};

QTEST_MAIN(TestPdfExporter)
#include "TestPdfExporter.moc"
