#include "core/report/CsvReportWriter.h"
#include "core/report/FleetHtmlReport.h"
#include "core/report/FleetJson.h"
#include "core/report/FleetTextReport.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportRenderer.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/report/TextReport.h"
#include "core/scan/FleetScanner.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::ReportFormat)

namespace {

ScanResult smallScan()
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000005;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "tcp://build-host:2376";
    Finding f;
    f.ruleId = "CTR-002";
    f.area = Area::Container;
    f.severity = Severity::Critical;
    f.object = {ObjectType::Container, "id-web", "web"};
    f.title = "Privileged container";
    f.evidence = "HostConfig.Privileged = true";
    f.fix = "drop --privileged";
    r.findings = FindingSet({f});
    return r;
}

} // namespace

// The one list of report format names, and the one dispatcher from a format to its writer that the command
// line and the GUI export share.
class TestReportFormat : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryName_data();
    void parsesEveryName();
    void rejectsWithTheValidNames_data();
    void rejectsWithTheValidNames();
    void rendersWithItsWriter_data();
    void rendersWithItsWriter();
    void rendersTheFleetWithItsWriter_data();
    void rendersTheFleetWithItsWriter();
};

void TestReportFormat::parsesEveryName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ReportFormat>("format");
    QTest::addColumn<QString>("extension");
    QTest::newRow("text is plain text in a .txt file") << "text" << ReportFormat::Text << "txt";
    QTest::newRow("json is JSON") << "json" << ReportFormat::Json << "json";
    QTest::newRow("html is HTML") << "html" << ReportFormat::Html << "html";
    QTest::newRow("pdf is PDF, though only the GUI layer renders it") << "pdf" << ReportFormat::Pdf << "pdf";
    QTest::newRow("sarif is SARIF") << "sarif" << ReportFormat::Sarif << "sarif";
    QTest::newRow("csv is CSV") << "csv" << ReportFormat::Csv << "csv";
}

void TestReportFormat::parsesEveryName()
{
    QFETCH(QString, name);
    QFETCH(ReportFormat, format);
    QFETCH(QString, extension);
    const auto parsed = parseReportFormat(name.toStdString());
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, format);
    QCOMPARE(QString::fromLatin1(toString(format)), name);
    QCOMPARE(QString::fromLatin1(fileExtension(format)), extension);
}

void TestReportFormat::rejectsWithTheValidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("fleet");
    QTest::addColumn<QString>("message");
    QTest::newRow("an unknown name lists every scan format")
        << "docx" << false << "unknown format 'docx' (use text, json, html, pdf, sarif or csv)";
    QTest::newRow("names are lower case")
        << "HTML" << false << "unknown format 'HTML' (use text, json, html, pdf, sarif or csv)";
    QTest::newRow("an empty name is no format")
        << "" << false << "unknown format '' (use text, json, html, pdf, sarif or csv)";
    QTest::newRow("a fleet view has no SARIF and lists its own formats")
        << "sarif" << true << "unknown format 'sarif' (use text, json, html or pdf)";
    QTest::newRow("a fleet view has no CSV")
        << "csv" << true << "unknown format 'csv' (use text, json, html or pdf)";
}

void TestReportFormat::rejectsWithTheValidNames()
{
    QFETCH(QString, name);
    QFETCH(bool, fleet);
    QFETCH(QString, message);
    const auto parsed = fleet ? parseReportFormat(name.toStdString(), fleetReportFormats())
                              : parseReportFormat(name.toStdString());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(QString::fromStdString(parsed.error().message), message);
}

void TestReportFormat::rendersWithItsWriter_data()
{
    QTest::addColumn<ReportFormat>("format");
    QTest::addColumn<bool>("verbose");
    QTest::newRow("text is the terminal summary") << ReportFormat::Text << false;
    QTest::newRow("verbose text adds evidence and fixes") << ReportFormat::Text << true;
    QTest::newRow("html is the self-contained page") << ReportFormat::Html << false;
    QTest::newRow("json is the scan schema") << ReportFormat::Json << false;
    QTest::newRow("sarif is SARIF 2.1.0") << ReportFormat::Sarif << false;
    QTest::newRow("csv is one row per finding") << ReportFormat::Csv << false;
    QTest::newRow("pdf is left to the GUI layer") << ReportFormat::Pdf << false;
}

void TestReportFormat::rendersWithItsWriter()
{
    QFETCH(ReportFormat, format);
    QFETCH(bool, verbose);
    const ScanResult scan = smallScan();
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ReportData data;
    data.scan = &scan;
    data.catalogue = &catalogue;
    data.scanId = 7;
    std::string expected;
    switch (format) {
    case ReportFormat::Text:
        expected = TextReport::scan(scan, verbose);
        break;
    case ReportFormat::Html:
        expected = HtmlReportWriter::write(data);
        break;
    case ReportFormat::Json:
        expected = json::scanToJson(data);
        break;
    case ReportFormat::Sarif:
        expected = json::scanToSarif(data);
        break;
    case ReportFormat::Csv:
        expected = CsvReportWriter::write(data);
        break;
    case ReportFormat::Pdf:
        break;
    }
    QCOMPARE(renderReport(format, data, verbose), expected);
    QCOMPARE(expected.empty(), format == ReportFormat::Pdf);
}

void TestReportFormat::rendersTheFleetWithItsWriter_data()
{
    QTest::addColumn<ReportFormat>("format");
    QTest::newRow("text is the side-by-side table") << ReportFormat::Text;
    QTest::newRow("json is the fleet schema") << ReportFormat::Json;
    QTest::newRow("html is the fleet page") << ReportFormat::Html;
    QTest::newRow("pdf is left to the GUI layer") << ReportFormat::Pdf;
    QTest::newRow("sarif is no fleet format") << ReportFormat::Sarif;
}

void TestReportFormat::rendersTheFleetWithItsWriter()
{
    QFETCH(ReportFormat, format);
    FleetEntry entry;
    entry.target.name = "build-host";
    entry.result = smallScan();
    const FleetSummary fleet = FleetSummary::compute({entry});
    std::string expected;
    if (format == ReportFormat::Text) {
        expected = FleetTextReport::render(fleet);
    } else if (format == ReportFormat::Json) {
        expected = json::fleetToJson(fleet, 1800000100);
    } else if (format == ReportFormat::Html) {
        expected = FleetHtmlReport::render(fleet, 1800000100);
    }
    QCOMPARE(renderFleetReport(format, fleet, 1800000100), expected);
    QCOMPARE(expected.empty(), !isOneOf(format, fleetReportFormats()) || format == ReportFormat::Pdf);
}

QTEST_APPLESS_MAIN(TestReportFormat)
#include "TestReportFormat.moc"
