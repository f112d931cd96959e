// The report formats: hostile text is escaped or neutralised in every one, counts agree across formats,
// and secrets stay masked.
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlEscape.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/rules/RuleCatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace drydock;

namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(2)>";

ScanResult hostileScan()
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000005;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "unix:///var/run/docker.sock";
    r.inventory.engineVersion = "20.10.24";
    r.inventory.apiVersion = "1.41";
    std::vector<Finding> fs;
    const auto add = [&](const std::string& rule, Severity s, const std::string& name, const std::string& evidence) {
        Finding f;
        f.ruleId = rule;
        f.area = Area::Container;
        f.severity = s;
        f.cis = {"5.4", "1.6.0"};
        f.object = {ObjectType::Container, "id-" + rule, name};
        f.title = "Title of " + rule;
        f.evidence = evidence;
        f.rationale = "why";
        f.fix = "fix";
        f.remediation.runCommand = "docker run --name '" + name + "' img";
        fs.push_back(f);
    };
    add("CTR-002", Severity::Critical, kScript, "HostConfig.Privileged = true");
    add("SEC-001", Severity::High, kImg, "Config.Env DB_PASSWORD=hu*****");
    add("CTR-016", Severity::Low, "=cmd|' /C calc'!A0", "@SUM(1+1)");
    add("RUN-013", Severity::Info, std::string(1 << 20, 'L'), "-2+3");
    fs[2].waiver = WaiverMark{4, "accepted: <b>legacy</b>", "", std::nullopt};
    r.findings = FindingSet(std::move(fs));
    return r;
}

} // namespace

class TestReportWriters : public QObject
{
    Q_OBJECT
private:
    ScanResult m_scan = hostileScan();
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    ReportData data()
    {
        ReportData d;
        d.scan = &m_scan;
        d.catalogue = &m_catalogue;
        d.scanId = 12;
        return d;
    }

private slots:
    void htmlEscapingNeutralisesMarkup_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a script tag") << "<script>" << "&lt;script&gt;";
        QTest::newRow("an attribute breakout") << "\"><img>" << "&quot;&gt;&lt;img&gt;";
        QTest::newRow("single quotes and ampersands") << "a'b&c" << "a&#39;b&amp;c";
        QTest::newRow("a control character") << QStringLiteral("a\x01" "b") << QStringLiteral("a\uFFFDb");
    }
    void htmlEscapingNeutralisesMarkup()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(htmlEscape(input.toStdString())), expected);
    }

    void invalidUtf8NeverReachesHtml_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::newRow("stray bytes and a cut sequence") << QByteArray("ok\xff\xfe\xc3");
        QTest::newRow("an overlong slash") << QByteArray("a\xe0\x80\xaf" "b");
        QTest::newRow("a UTF-16 surrogate") << QByteArray("a\xed\xa0\x80" "b");
        QTest::newRow("a code point above U+10FFFF") << QByteArray("a\xf4\x90\x80\x80" "b");
        QTest::newRow("an overlong four-byte form") << QByteArray("a\xf0\x8f\xbf\xbf" "b");
    }
    void invalidUtf8NeverReachesHtml()
    {
        QFETCH(QByteArray, bad);
        const std::string out = htmlEscape(bad.toStdString());
        QVERIFY(QString::fromUtf8(out.c_str()).toUtf8() == QByteArray::fromStdString(out));
        QVERIFY(out.find("\xEF\xBF\xBD") != std::string::npos);
    }

    void htmlIsSelfContainedAndEscaped()
    {
        const std::string html = HtmlReportWriter::write(data());
        QVERIFY(html.find(kScript) == std::string::npos);
        QVERIFY(html.find("<img src=x") == std::string::npos);
        QVERIFY(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("http://") == std::string::npos || html.find("http://www.w3.org/2000/svg") != std::string::npos);
        QVERIFY(html.find("src=\"http") == std::string::npos);
        QVERIFY(html.size() < 200000); // the 1 MB name was cut
        QVERIFY(html.find("Waived findings") != std::string::npos);
        QVERIFY(html.find("&lt;b&gt;legacy&lt;/b&gt;") != std::string::npos);
        QVERIFY(html.find("Appendix") != std::string::npos);
        // Well-formed enough for an XML reader once the doctype is gone: every tag we open is closed.
        QString body = QString::fromStdString(html);
        body.remove(0, body.indexOf(QStringLiteral("<html")));
        body.replace(QStringLiteral("<meta charset=\"utf-8\">"), QString());
        body.replace(QRegularExpression(QStringLiteral("<meta [^>]*>")), QString());
        body.replace(QStringLiteral("&mdash;"), QStringLiteral("-")).replace(QStringLiteral("&middot;"), QStringLiteral("."));
        body.replace(QStringLiteral("&sect;"), QStringLiteral("S"));
        QXmlStreamReader xml(body);
        while (!xml.atEnd()) {
            xml.readNext();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber())));
    }

    void csvNeutralisesFormulas_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equals") << "=1+1" << "\"'=1+1\"";
        QTest::newRow("plus") << "+1" << "\"'+1\"";
        QTest::newRow("minus") << "-2+3" << "\"'-2+3\"";
        QTest::newRow("at") << "@SUM(1)" << "\"'@SUM(1)\"";
        QTest::newRow("quotes are doubled") << "a\"b" << "\"a\"\"b\"";
        QTest::newRow("plain text stays") << "web" << "\"web\"";
    }
    void csvNeutralisesFormulas()
    {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(CsvReportWriter::cell(cell.toStdString())), expected);
    }

    void csvCellsAreValidUtf8_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("raw 0xff bytes") << QByteArray("1a\xff\xff") << QByteArray("\"1a\xEF\xBF\xBD\xEF\xBF\xBD\"");
        // A 12-byte short id cut through a replacement character (the fuzzer's find).
        QTest::newRow("half a character") << QByteArray("1a\xEF\xBF") << QByteArray("\"1a\xEF\xBF\xBD\xEF\xBF\xBD\"");
        QTest::newRow("a surrogate") << QByteArray("x\xED\xA0\x80") << QByteArray("\"x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
        QTest::newRow("valid text stays") << QByteArray("caf\xC3\xA9") << QByteArray("\"caf\xC3\xA9\"");
    }
    void csvCellsAreValidUtf8()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray::fromStdString(CsvReportWriter::cell(raw.toStdString())), expected);
    }

    void csvHasOneRowPerFinding()
    {
        const QString csv = QString::fromStdString(CsvReportWriter::write(data()));
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + int(m_scan.findings.size()));
        QVERIFY(!csv.contains(QStringLiteral(",\"=cmd")));
    }

    void sarifFollowsTheSchemaShape()
    {
        const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToSarif(data()))).object();
        QCOMPARE(root.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonObject run = root.value(QStringLiteral("runs")).toArray().at(0).toObject();
        const QJsonObject driver = run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
        QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("Drydock"));
        const QJsonArray rules = driver.value(QStringLiteral("rules")).toArray();
        QCOMPARE(rules.size(), int(m_catalogue.size()));
        const QJsonArray results = run.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), int(m_scan.findings.size()));
        int suppressed = 0;
        for (const auto& v : results) {
            const QJsonObject r = v.toObject();
            QVERIFY(r.contains(QStringLiteral("ruleId")));
            const QString level = r.value(QStringLiteral("level")).toString();
            QVERIFY(level == QLatin1String("error") || level == QLatin1String("warning") || level == QLatin1String("note"));
            QVERIFY(!r.value(QStringLiteral("locations")).toArray().isEmpty());
            QVERIFY(r.value(QStringLiteral("partialFingerprints")).isObject());
            suppressed += r.contains(QStringLiteral("suppressions")) ? 1 : 0;
        }
        QCOMPARE(suppressed, 1);
    }

    void countsAgreeAcrossFormats()
    {
        const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToJson(m_scan))).object();
        const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
        const auto counts = m_scan.findings.countsBySeverity();
        QCOMPARE(summary.value(QStringLiteral("critical")).toInt(), counts[4]);
        QCOMPARE(summary.value(QStringLiteral("waived")).toInt(), 1);
        const QJsonArray results = QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToSarif(data())))
                                       .object()
                                       .value(QStringLiteral("runs"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        QCOMPARE(results.size(), json.value(QStringLiteral("findings")).toArray().size());
        const QString html = QString::fromStdString(HtmlReportWriter::write(data()));
        QVERIFY(html.contains(QStringLiteral("critical</span></td><td>%1</td>").arg(counts[4])));
    }

    void waivedAndRemediationCanBeLeftOut()
    {
        ReportData d = data();
        d.includeWaived = false;
        d.includeRemediation = false;
        const std::string csv = CsvReportWriter::write(d);
        QCOMPARE(QString::fromStdString(csv).count(QStringLiteral("\r\n")), int(m_scan.findings.size()));
        QVERIFY(csv.find("docker run") == std::string::npos);
        QVERIFY(HtmlReportWriter::write(d).find("Hardened command") == std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestReportWriters)
#include "TestReportWriters.moc"
