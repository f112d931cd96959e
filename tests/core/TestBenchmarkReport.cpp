// The CIS version choice and the benchmark list in the report formats: every format states the version it
// uses and shows the rules' references in it, the scan JSON carries the "benchmark" object, and HTML (and so
// PDF) ends with the appendix of every recommendation unless only the summary is asked for.
#include "core/cis/BenchmarkCoverage.h"
#include "core/cis/CisBenchmark.h"
#include "core/report/BenchmarkReport.h"
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportRenderer.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/report/TextReport.h"
#include "core/rules/RuleCatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::CisVersion)
Q_DECLARE_METATYPE(drydock::ReportDetail)

namespace {

// A daemon on plain TCP (DMN-001, 1.6.0's 2.7, 1.8.0's 2.8) and a privileged container (CTR-002, 5.5 in
// every version), as the rules store them: with their 1.6.0 references.
ScanResult sampleScan()
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000005;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "tcp://127.0.0.1:2375";
    r.inventory.engineVersion = "20.10.24";
    r.inventory.apiVersion = "1.41";
    r.inventory.containers.resize(2);
    r.inventory.images.resize(1);
    std::vector<Finding> fs;
    Finding daemon;
    daemon.ruleId = "DMN-001";
    daemon.area = Area::Daemon;
    daemon.severity = Severity::Critical;
    daemon.cis = {"2.7", "1.6.0"};
    daemon.object = {ObjectType::Daemon, "daemon", "daemon"};
    daemon.title = "Docker API reachable over plain TCP";
    fs.push_back(daemon);
    Finding privileged;
    privileged.ruleId = "CTR-002";
    privileged.area = Area::Container;
    privileged.severity = Severity::Critical;
    privileged.cis = {"5.5", "1.6.0"};
    privileged.object = {ObjectType::Container, "c1", "web"};
    privileged.title = "Privileged container";
    fs.push_back(privileged);
    r.findings = FindingSet(std::move(fs));
    return r;
}

QJsonObject parse(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

// The appendix of an HTML report as rows of cell texts (id, title, verdict, reason), read by an XML reader.
QList<QStringList> appendixRows(const std::string& html)
{
    QString text = QString::fromStdString(html);
    // Print markup rewrites the table's attributes: the appendix's table is the one after its heading.
    const auto heading = text.indexOf(QStringLiteral(": every recommendation</h2>"));
    const auto start = heading < 0 ? -1 : text.indexOf(QStringLiteral("<table"), heading);
    if (start < 0) {
        return {};
    }
    const auto end = text.indexOf(QStringLiteral("</table>"), start);
    QString table = text.mid(start, end + 8 - start);
    table.replace(QStringLiteral("&mdash;"), QStringLiteral("-"))
        .replace(QStringLiteral("&middot;"), QStringLiteral("."));
    QXmlStreamReader xml(table);
    QList<QStringList> rows;
    bool inItem = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QStringLiteral("tr")) {
            inItem = xml.attributes().value(QStringLiteral("class")) == QStringLiteral("item");
            if (inItem) {
                rows.append(QStringList());
            }
        } else if (inItem && xml.isStartElement() && xml.name() == QStringLiteral("td")) {
            rows.last().append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
        }
    }
    if (xml.hasError()) {
        return {};
    }
    return rows;
}

} // namespace

class TestBenchmarkReport : public QObject
{
    Q_OBJECT
private:
    ScanResult m_scan = sampleScan();
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    ReportData data(CisVersion version, ReportDetail detail = ReportDetail::Objects)
    {
        ReportData d;
        d.scan = &m_scan;
        d.catalogue = &m_catalogue;
        d.scanId = 7;
        d.cisVersion = version;
        d.detail = detail;
        return d;
    }

private slots:
    void everyFormatStatesItsVersionAndShowsItsIds_data()
    {
        QTest::addColumn<CisVersion>("version");
        QTest::addColumn<QString>("daemonId");
        QTest::newRow("1.6.0 shows the plain TCP socket as 2.7") << CisVersion::V1_6_0 << "2.7";
        QTest::newRow("1.7.0 keeps 1.6.0's ids") << CisVersion::V1_7_0 << "2.7";
        QTest::newRow("1.8.0 shows it as 2.8, after the new devicemapper item")
            << CisVersion::V1_8_0 << "2.8";
    }
    void everyFormatStatesItsVersionAndShowsItsIds()
    {
        QFETCH(CisVersion, version);
        QFETCH(QString, daemonId);
        const QString v = QString::fromLatin1(toString(version));
        const ReportData d = data(version);

        const QJsonObject json = parse(json::scanToJson(d));
        QCOMPARE(json.value("cis").toObject().value("version").toString(), v);
        const QJsonObject first = json.value("findings").toArray().first().toObject();
        QCOMPARE(first.value("ruleId").toString(), QStringLiteral("DMN-001"));
        QCOMPARE(first.value("cis").toObject().value("id").toString(), daemonId);
        QCOMPARE(first.value("cis").toObject().value("version").toString(), v);

        const QJsonObject run = parse(json::scanToSarif(d)).value("runs").toArray().first().toObject();
        QCOMPARE(run.value("properties").toObject().value("cis").toObject().value("version").toString(), v);
        for (const auto& rule :
             run.value("tool").toObject().value("driver").toObject().value("rules").toArray()) {
            if (rule.toObject().value("id").toString() == QStringLiteral("DMN-001")) {
                const QJsonObject cis =
                    rule.toObject().value("properties").toObject().value("cis").toObject();
                QCOMPARE(cis.value("id").toString(), daemonId);
                QCOMPARE(cis.value("version").toString(), v);
            }
        }

        const QStringList csv =
            QString::fromStdString(CsvReportWriter::write(d)).split(QStringLiteral("\r\n"));
        // Cells are quoted: "DMN-001","daemon","critical","2.8","1.8.0".
        const QString q = QStringLiteral("\",\"");
        QVERIFY(csv.value(1).contains("DMN-001" + q + "daemon" + q + "critical" + q + daemonId + q + v + q));
        QVERIFY(csv.value(2).contains("CTR-002" + q + "container" + q + "critical" + q + "5.5" + q + v + q));

        const std::string html = HtmlReportWriter::write(d);
        QVERIFY(html.find("CIS Docker Benchmark " + v.toStdString() + "</p>") != std::string::npos);
        QVERIFY(html.find("CIS Docker Benchmark " + v.toStdString() + " &sect;" + daemonId.toStdString()) !=
                std::string::npos);

        const std::string text = renderReport(ReportFormat::Text, d, true);
        QVERIFY(text.find("CIS Docker Benchmark " + v.toStdString() + " (") != std::string::npos);
        QVERIFY(text.find("CIS Docker Benchmark " + v.toStdString() + " " + daemonId.toStdString() + "\n") !=
                std::string::npos);
        // The scan keeps the rules' own references: only the written copy changed.
        QCOMPARE(QString::fromStdString(m_scan.findings.all().front().cis.id), QStringLiteral("2.7"));
        QCOMPARE(QString::fromStdString(m_scan.findings.all().front().cis.version), QStringLiteral("1.6.0"));
    }

    void theScanJsonListsEveryRecommendationWithAVerdict_data()
    {
        QTest::addColumn<CisVersion>("version");
        QTest::newRow("1.6.0") << CisVersion::V1_6_0;
        QTest::newRow("1.8.0, the default") << CisVersion::V1_8_0;
    }
    void theScanJsonListsEveryRecommendationWithAVerdict()
    {
        QFETCH(CisVersion, version);
        const QJsonObject benchmark = parse(json::scanToJson(data(version))).value("benchmark").toObject();
        QCOMPARE(benchmark.value("version").toString(), QString::fromLatin1(toString(version)));
        const QJsonArray items = benchmark.value("items").toArray();
        QCOMPARE(items.size(), int(CisBenchmark::of(version).items().size()));
        const QStringList verdicts{"pass", "fail", "not-applicable", "not-checked"};
        int counted = 0;
        for (const auto& verdict : verdicts) {
            counted += benchmark.value("counts").toObject().value(verdict).toInt();
        }
        QCOMPARE(counted, items.size());
        QJsonObject tcp;
        for (const auto& value : items) {
            const QJsonObject item = value.toObject();
            QVERIFY2(verdicts.contains(item.value("verdict").toString()),
                     qPrintable(item.value("id").toString()));
            QVERIFY2(!item.value("reason").toString().isEmpty(), qPrintable(item.value("id").toString()));
            QVERIFY(!item.value("title").toString().isEmpty());
            if (item.value("rules").toArray().contains(QStringLiteral("DMN-001"))) {
                tcp = item;
            }
        }
        QCOMPARE(tcp.value("id").toString(),
                 version == CisVersion::V1_8_0 ? QStringLiteral("2.8") : QStringLiteral("2.7"));
        QCOMPARE(tcp.value("verdict").toString(), QStringLiteral("fail"));
        QCOMPARE(tcp.value("reason").toString(), QStringLiteral("1 finding of DMN-001"));
        const QJsonObject finding = tcp.value("findings").toArray().first().toObject();
        QCOMPARE(finding.value("ruleId").toString(), QStringLiteral("DMN-001"));
        QCOMPARE(finding.value("severity").toString(), QStringLiteral("critical"));
        QCOMPARE(finding.value("object").toObject().value("type").toString(), QStringLiteral("daemon"));
        QCOMPARE(finding.value("object").toObject().value("name").toString(), QStringLiteral("daemon"));
        QCOMPARE(finding.value("waived").toBool(), false);
    }

    void theHtmlAppendixListsEveryRecommendation_data()
    {
        QTest::addColumn<ReportDetail>("detail");
        QTest::addColumn<bool>("present");
        QTest::newRow("the default detail has the appendix") << ReportDetail::Objects << true;
        QTest::newRow("the full detail has the appendix") << ReportDetail::Full << true;
        QTest::newRow("the summary alone has none") << ReportDetail::Summary << false;
    }
    void theHtmlAppendixListsEveryRecommendation()
    {
        QFETCH(ReportDetail, detail);
        QFETCH(bool, present);
        for (const auto variant : {HtmlReportWriter::Variant::Browser, HtmlReportWriter::Variant::Print}) {
            const std::string html = HtmlReportWriter::write(data(CisVersion::V1_8_0, detail), variant);
            QCOMPARE(html.find("CIS Docker Benchmark 1.8.0: every recommendation") != std::string::npos,
                     present);
            QList<QStringList> rows = appendixRows(html);
            if (!present) {
                QVERIFY(rows.isEmpty());
                continue;
            }
            const BenchmarkCoverage coverage = benchmarkCoverage(m_scan, m_catalogue, CisVersion::V1_8_0);
            QCOMPARE(rows.size(), int(coverage.items.size()));
            for (int i = 0; i < rows.size(); ++i) {
                const BenchmarkItemResult& item = coverage.items[std::size_t(i)];
                // On paper the verdict and its reason share a cell ("fail: 1 finding of DMN-001").
                const bool print = variant == HtmlReportWriter::Variant::Print;
                const QString verdict = QString::fromLatin1(toString(item.verdict)).replace('-', ' ');
                if (print) {
                    QCOMPARE(rows[i].size(), 3);
                    rows[i] =
                        QStringList{rows[i][0], rows[i][1], rows[i][2].section(QStringLiteral(": "), 0, 0),
                                    rows[i][2].section(QStringLiteral(": "), 1)};
                }
                QCOMPARE(rows[i].size(), 4);
                QCOMPARE(rows[i][0], QString::fromStdString(item.item.id));
                QCOMPARE(rows[i][2], verdict);
                // On paper a reason repeated within a section is written once ("as above").
                const bool repeated = variant == HtmlReportWriter::Variant::Print && i > 0 &&
                                      coverage.items[std::size_t(i) - 1].reason == item.reason &&
                                      coverage.items[std::size_t(i) - 1].section == item.section;
                QCOMPARE(rows[i][3],
                         repeated ? QStringLiteral("as above") : QString::fromStdString(item.reason));
            }
            // The counts come first, and agree with the rows.
            const std::string counts = std::to_string(coverage.count(BenchmarkVerdict::Fail)) + " fail";
            QVERIFY(html.find(counts) != std::string::npos);
            QVERIFY(html.find(counts) < html.find(">1.1.1<"));
        }
    }

    void theBenchmarkTextGroupsBySection()
    {
        const BenchmarkCoverage coverage = benchmarkCoverage(m_scan, m_catalogue, CisVersion::V1_8_0);
        const QString text = QString::fromStdString(benchmarkText(coverage, m_scan, 7));
        QVERIFY(text.startsWith(QStringLiteral("CIS Docker Benchmark 1.8.0: every recommendation, for "
                                               "tcp://127.0.0.1:2375 (scan 7)\n")));
        QVERIFY(text.contains(QString::fromStdString(benchmarkCountsLine(coverage)) + "\n"));
        QVERIFY(text.contains(
            QRegularExpression(QStringLiteral("\n2\\.8 +fail +[^\n]+  — 1 finding of DMN-001\n"))));
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("\n\n2 [A-Z][^\n]+\n"))));
        QCOMPARE(text.count(QRegularExpression(
                     QStringLiteral("(?m)^[0-9]+(\\.[0-9]+)+ +(pass|fail|not-applicable|not-checked) "))),
                 int(coverage.items.size()));
    }

    void aStoredScansCountsStandInForItsInventory()
    {
        // Without an inventory every container rule would be "not applicable"; the stored counts say they
        // ran.
        ScanResult stored = m_scan;
        stored.inventory.containers.clear();
        stored.inventory.images.clear();
        const BenchmarkCoverage bare = benchmarkCoverage(stored, m_catalogue, CisVersion::V1_8_0);
        const BenchmarkCoverage counted =
            benchmarkCoverage(stored, m_catalogue, CisVersion::V1_8_0, ScanReach{1, 2, 0, std::nullopt});
        QVERIFY(counted.count(BenchmarkVerdict::Pass) > bare.count(BenchmarkVerdict::Pass));
        QCOMPARE(counted.count(BenchmarkVerdict::Fail), bare.count(BenchmarkVerdict::Fail));
    }
};

QTEST_GUILESS_MAIN(TestBenchmarkReport)
#include "TestBenchmarkReport.moc"
