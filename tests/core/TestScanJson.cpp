// The scan JSON (core/report/ScanJson): schemaVersion 2 lists each object once with its remediated command and
// findings name it by ref; schemaVersion 1 keeps its former shape for one release; both are valid UTF-8, leave
// out what a report leaves out, and schema 2 follows resources/schema/scan-v2.schema.json.
#include "core/report/ScanJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>

using namespace drydock;

namespace {

// A container's remediated command as RuleEngine renders it: long, because it carries every label and mount.
std::string runCommandOf(const std::string& name)
{
    std::string command = "docker run -d \\\n  --name " + name + " \\\n  --cap-drop ALL \\\n  --read-only \\\n";
    for (int i = 0; i < 30; ++i) {
        command += "  --label com.example.team-" + std::to_string(i) + "=platform-and-operations \\\n";
    }
    return command + "  registry.example.com/app:1.4.2";
}

std::string composeOf(const std::string& name)
{
    std::string compose = "services:\n  " + name + ":\n    image: registry.example.com/app:1.4.2\n    cap_drop: [ALL]\n";
    compose += "    read_only: true\n    labels:\n";
    for (int i = 0; i < 30; ++i) {
        compose += "      com.example.team-" + std::to_string(i) + ": platform-and-operations\n";
    }
    return compose;
}

Finding finding(const std::string& rule, ObjectType type, const std::string& id, const std::string& name)
{
    Finding f;
    f.ruleId = rule;
    f.area = type == ObjectType::Image ? Area::Image : Area::Container;
    f.severity = Severity::High;
    f.cis = {"5.4", "1.6.0"};
    f.object = {type, id, name};
    f.title = "Title of " + rule;
    f.evidence = "HostConfig.Privileged = true";
    f.rationale = "A privileged container can take over the host.";
    f.fix = "Run it without --privileged.";
    if (type == ObjectType::Container) {
        f.remediation.runCommand = runCommandOf(name);
        f.remediation.compose = composeOf(name);
        f.remediation.addFlags = {"--cap-drop ALL"};
        f.remediation.removeFlags = {"--privileged"};
    } else {
        f.remediation.dockerfile = "USER 10001";
    }
    return f;
}

ScanResult scanOf(std::vector<Finding> findings)
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000005;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "unix:///var/run/docker.sock";
    r.inventory.engineName = "Docker";
    r.inventory.engineVersion = "20.10.24";
    r.inventory.apiVersion = "1.41";
    r.findings = FindingSet(std::move(findings));
    return r;
}

// Two containers with two findings each, an image with one, and a container whose only finding is waived.
ScanResult smallScan()
{
    std::vector<Finding> fs{finding("CTR-002", ObjectType::Container, "c1", "web"),
                            finding("CTR-003", ObjectType::Container, "c1", "web"),
                            finding("CTR-002", ObjectType::Container, "c2", "db"),
                            finding("IMG-001", ObjectType::Image, "sha256:aa", "app:1"),
                            finding("CTR-004", ObjectType::Container, "c2", "db"),
                            finding("CTR-002", ObjectType::Container, "c3", "legacy")};
    fs[5].waiver = WaiverMark{7, "accepted", "", std::nullopt};
    return scanOf(std::move(fs));
}

// Many findings per container, as a real host has (about 13 findings per container on the host).
ScanResult crowdedScan(int containers, int findingsEach)
{
    std::vector<Finding> fs;
    for (int c = 0; c < containers; ++c) {
        const std::string name = "service-" + std::to_string(c);
        for (int i = 0; i < findingsEach; ++i) {
            fs.push_back(finding("CTR-" + std::to_string(100 + i), ObjectType::Container,
                                 std::string(64, static_cast<char>('a' + c % 6)) + std::to_string(c), name));
        }
    }
    return scanOf(std::move(fs));
}

QJsonObject parse(const std::string& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QStringList keysInOrder(const std::string& text, const QJsonObject& object)
{
    // QJsonObject sorts its keys: the order is read from the text.
    QStringList keys = object.keys();
    const QString raw = QString::fromStdString(text);
    std::sort(keys.begin(), keys.end(), [&](const QString& a, const QString& b) {
        return raw.indexOf(QLatin1Char('"') + a + QStringLiteral("\":")) <
               raw.indexOf(QLatin1Char('"') + b + QStringLiteral("\":"));
    });
    return keys;
}

// Runs tests/support/validate-sarif.py (any document against a Draft 2020-12 schema) on text with the schema 2
// schema: its exit code and what it printed.
std::pair<int, QString> validateAgainstSchemaTwo(const std::string& text)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scan.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {-1, QStringLiteral("cannot write ") + path};
    }
    file.write(QByteArray::fromStdString(text));
    file.close();
    const QString source = qEnvironmentVariable("DRYDOCK_SOURCE_DIR");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {source + QStringLiteral("/tests/support/validate-sarif.py"),
                                                      source + QStringLiteral("/resources/schema/scan-v2.schema.json"),
                                                      path});
    if (!python.waitForFinished(60000)) {
        return {-1, QStringLiteral("the validator did not finish")};
    }
    return {python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1,
            QString::fromUtf8(python.readAllStandardOutput() + python.readAllStandardError())};
}

} // namespace

class TestScanJson : public QObject
{
    Q_OBJECT
private slots:
    void schemaTwoIsTheDefault()
    {
        const ScanResult scan = smallScan();
        QCOMPARE(parse(json::scanToJson(scan)).value(QStringLiteral("schemaVersion")).toInt(), 2);
        ReportData data;
        data.scan = &scan;
        QCOMPARE(parse(json::scanToJson(data)).value(QStringLiteral("schemaVersion")).toInt(), 2);
    }

    void eachObjectIsListedOnceAndFindingsReferToIt()
    {
        const ScanResult scan = smallScan();
        const QJsonObject root = parse(json::scanToJson(scan));
        const QJsonArray objects = root.value(QStringLiteral("objects")).toArray();
        QStringList refs;
        for (const auto& o : objects) {
            refs << o.toObject().value(QStringLiteral("ref")).toString();
        }
        QCOMPARE(refs, (QStringList{"container:c1", "container:c2", "image:sha256:aa", "container:c3"}));
        const QJsonObject web = objects.at(0).toObject();
        QCOMPARE(web.value(QStringLiteral("type")).toString(), QStringLiteral("container"));
        QCOMPARE(web.value(QStringLiteral("id")).toString(), QStringLiteral("c1"));
        QCOMPARE(web.value(QStringLiteral("name")).toString(), QStringLiteral("web"));
        const QJsonObject remediation = web.value(QStringLiteral("remediation")).toObject();
        QCOMPARE(remediation.value(QStringLiteral("runCommand")).toString().toStdString(), runCommandOf("web"));
        QCOMPARE(remediation.value(QStringLiteral("compose")).toString().toStdString(), composeOf("web"));

        const QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 6);
        QStringList findingRefs;
        for (const auto& f : findings) {
            const QJsonObject o = f.toObject();
            findingRefs << o.value(QStringLiteral("objectRef")).toString();
            QVERIFY(!o.contains(QStringLiteral("object")));
            const QJsonObject r = o.value(QStringLiteral("remediation")).toObject();
            QCOMPARE(r.keys(), (QStringList{"addFlags", "dockerfile", "removeFlags"}));
        }
        QCOMPARE(findingRefs, (QStringList{"container:c1", "container:c1", "container:c2", "image:sha256:aa",
                                           "container:c2", "container:c3"}));
        QCOMPARE(findings.at(3).toObject().value(QStringLiteral("remediation")).toObject().value(
                     QStringLiteral("dockerfile")),
                 QJsonValue(QStringLiteral("USER 10001")));
        QCOMPARE(objects.at(2).toObject().value(QStringLiteral("remediation")).toObject().value(
                     QStringLiteral("runCommand")),
                 QJsonValue(QString()));
    }

    void theObjectTakesTheFirstCommandThatIsThere_data()
    {
        QTest::addColumn<QStringList>("commands"); // the runCommand of each finding of one container, in order
        QTest::addColumn<QString>("expected");
        QTest::newRow("every finding carries the same command") << QStringList{"docker run a", "docker run a"}
                                                                << "docker run a";
        QTest::newRow("the first finding has none, the second has one") << QStringList{"", "docker run b"}
                                                                        << "docker run b";
        QTest::newRow("the findings disagree: the first one wins")
            << QStringList{"docker run a", "docker run b", ""} << "docker run a";
        QTest::newRow("no finding has one: the command is empty") << QStringList{"", ""} << "";
    }
    void theObjectTakesTheFirstCommandThatIsThere()
    {
        QFETCH(QStringList, commands);
        QFETCH(QString, expected);
        std::vector<Finding> fs;
        for (const QString& command : commands) {
            Finding f = finding("CTR-00" + std::to_string(fs.size()), ObjectType::Container, "c1", "web");
            f.remediation.runCommand = command.toStdString();
            f.remediation.compose = command.isEmpty() ? "" : "services: {}";
            fs.push_back(f);
        }
        const QJsonObject root = parse(json::scanToJson(scanOf(std::move(fs))));
        const QJsonArray objects = root.value(QStringLiteral("objects")).toArray();
        QCOMPARE(objects.size(), 1);
        const QJsonObject r = objects.at(0).toObject().value(QStringLiteral("remediation")).toObject();
        QCOMPARE(r.value(QStringLiteral("runCommand")).toString(), expected);
        QCOMPARE(r.value(QStringLiteral("compose")).toString(),
                 expected.isEmpty() ? QString() : QStringLiteral("services: {}"));
    }

    void aReportLeavesOutWhatItIsAskedTo_data()
    {
        QTest::addColumn<bool>("includeWaived");
        QTest::addColumn<bool>("includeRemediation");
        QTest::addColumn<int>("objects");
        QTest::addColumn<int>("findings");
        QTest::newRow("everything included") << true << true << 4 << 6;
        QTest::newRow("without waived findings the object with only a waived one is not listed")
            << false << true << 3 << 5;
        QTest::newRow("without remediation objects and findings carry null") << true << false << 4 << 6;
    }
    void aReportLeavesOutWhatItIsAskedTo()
    {
        QFETCH(bool, includeWaived);
        QFETCH(bool, includeRemediation);
        QFETCH(int, objects);
        QFETCH(int, findings);
        const ScanResult scan = smallScan();
        ReportData data;
        data.scan = &scan;
        data.includeWaived = includeWaived;
        data.includeRemediation = includeRemediation;
        const std::string text = json::scanToJson(data);
        const QJsonObject root = parse(text);
        QCOMPARE(root.value(QStringLiteral("objects")).toArray().size(), objects);
        QCOMPARE(root.value(QStringLiteral("findings")).toArray().size(), findings);
        QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("total")).toInt(), 6);
        for (const char* list : {"objects", "findings"}) {
            for (const auto& v : root.value(QLatin1String(list)).toArray()) {
                QCOMPARE(v.toObject().value(QStringLiteral("remediation")).isNull(), !includeRemediation);
            }
        }
        QCOMPARE(text.find("docker run") != std::string::npos, includeRemediation);
    }

    void schemaOneKeepsItsFormerShape()
    {
        const ScanResult scan = smallScan();
        ReportData data;
        data.scan = &scan;
        data.jsonSchema = 1;
        const std::string text = json::scanToJson(data);
        const QJsonObject root = parse(text);
        QCOMPARE(keysInOrder(text, root), (QStringList{"schemaVersion", "scan", "summary", "findings", "problems",
                                                      "imageContents"}));
        QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 1);
        const QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 6);
        const QJsonObject first = findings.first().toObject();
        QCOMPARE(first.keys(), (QStringList{"area", "cis", "evidence", "fix", "object", "rationale", "remediation",
                                            "ruleId", "severity", "title", "waiver"}));
        QCOMPARE(first.value(QStringLiteral("object")).toObject(),
                 (QJsonObject{{"type", "container"}, {"id", "c1"}, {"name", "web"}}));
        const QJsonObject r = first.value(QStringLiteral("remediation")).toObject();
        QCOMPARE(r.keys(), (QStringList{"addFlags", "compose", "dockerfile", "removeFlags", "runCommand"}));
        QCOMPARE(r.value(QStringLiteral("runCommand")).toString().toStdString(), runCommandOf("web"));
        // Every finding of a container repeats its command: what schema 2 stops doing.
        QCOMPARE(findings.at(1).toObject().value(QStringLiteral("remediation")).toObject().value(
                     QStringLiteral("runCommand")),
                 r.value(QStringLiteral("runCommand")));
        QCOMPARE(findings.last().toObject().value(QStringLiteral("waiver")).toObject().value(QStringLiteral("id")),
                 QJsonValue(7));
    }

    void schemaTwoKeepsTheRestOfTheDocument()
    {
        const ScanResult scan = smallScan();
        const std::string v2 = json::scanToJson(scan);
        const std::string v1 = json::scanToJson(scan, true, true, 2, 1);
        const QJsonObject one = parse(v1);
        const QJsonObject two = parse(v2);
        QCOMPARE(keysInOrder(v2, two), (QStringList{"schemaVersion", "scan", "cis", "summary", "objects", "findings",
                                                   "problems", "imageContents"}));
        for (const char* key : {"scan", "summary", "problems", "imageContents"}) {
            QCOMPARE(two.value(QLatin1String(key)), one.value(QLatin1String(key)));
        }
        const QJsonArray f1 = one.value(QStringLiteral("findings")).toArray();
        const QJsonArray f2 = two.value(QStringLiteral("findings")).toArray();
        QCOMPARE(f2.size(), f1.size());
        for (qsizetype i = 0; i < f1.size(); ++i) {
            for (const char* key : {"ruleId", "area", "severity", "cis", "title", "evidence", "rationale", "fix",
                                    "waiver"}) {
                QCOMPARE(f2.at(i).toObject().value(QLatin1String(key)), f1.at(i).toObject().value(QLatin1String(key)));
            }
        }
    }

    void schemaTwoIsMuchSmallerWhenContainersHaveManyFindings_data()
    {
        QTest::addColumn<int>("containers");
        QTest::addColumn<int>("findingsEach");
        QTest::addColumn<double>("atMost"); // schema 2's size as a share of schema 1's
        QTest::newRow("one finding per container costs only the object entry") << 40 << 1 << 1.15;
        QTest::newRow("13 findings per container, as on the issue's host") << 240 << 13 << 0.3;
        QTest::newRow("40 findings per container") << 20 << 40 << 0.25;
    }
    void schemaTwoIsMuchSmallerWhenContainersHaveManyFindings()
    {
        QFETCH(int, containers);
        QFETCH(int, findingsEach);
        QFETCH(double, atMost);
        const ScanResult scan = crowdedScan(containers, findingsEach);
        const std::size_t one = json::scanToJson(scan, true, true, 2, 1).size();
        const std::size_t two = json::scanToJson(scan, true, true, 2, 2).size();
        qInfo("%d findings: schemaVersion 1 %zu bytes, schemaVersion 2 %zu bytes (%.0f %%)", containers * findingsEach,
              one, two, 100.0 * double(two) / double(one));
        QVERIFY2(double(two) <= atMost * double(one), qPrintable(QStringLiteral("%1 vs %2").arg(two).arg(one)));
        QCOMPARE(parse(json::scanToJson(scan)).value(QStringLiteral("objects")).toArray().size(), containers);
    }

    void theSchemaVersionIsParsedStrictly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // 0: an error
        QTest::newRow("2 is schema 2") << "2" << 2;
        QTest::newRow("1 is the deprecated schema 1") << "1" << 1;
        QTest::newRow("3 does not exist") << "3" << 0;
        QTest::newRow("an empty value is refused") << "" << 0;
        QTest::newRow("a spelled-out version is refused") << "v2" << 0;
        QTest::newRow("a padded number is refused") << " 2" << 0;
    }
    void theSchemaVersionIsParsedStrictly()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const auto parsed = json::parseScanJsonSchema(text.toStdString());
        QCOMPARE(parsed.ok(), expected != 0);
        if (expected != 0) {
            QCOMPARE(*parsed, expected);
        } else {
            QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
            QVERIFY(parsed.error().message.find("'" + text.toStdString() + "'") != std::string::npos);
            QVERIFY(parsed.error().message.find("use 2") != std::string::npos);
        }
    }

    void invalidUtf8InAnObjectIsReplacedAndTheRefStillMatches()
    {
        std::vector<Finding> fs{finding("CTR-002", ObjectType::Container, "id\xff\xfe", "na\xc3me"),
                                finding("CTR-003", ObjectType::Container, "id\xff\xfe", "na\xc3me")};
        const std::string text = json::scanToJson(scanOf(std::move(fs)));
        const QJsonObject root = parse(text);
        QVERIFY(!root.isEmpty());
        QVERIFY(QString::fromUtf8(text).toUtf8() == QByteArray::fromStdString(text)); // valid UTF-8 throughout
        const QJsonArray objects = root.value(QStringLiteral("objects")).toArray();
        QCOMPARE(objects.size(), 1);
        const QString ref = objects.at(0).toObject().value(QStringLiteral("ref")).toString();
        QVERIFY(ref.startsWith(QStringLiteral("container:id")));
        for (const auto& f : root.value(QStringLiteral("findings")).toArray()) {
            QCOMPARE(f.toObject().value(QStringLiteral("objectRef")).toString(), ref);
        }
    }

    void anObjectWithoutAnIdIsReferredToByName()
    {
        std::vector<Finding> fs{finding("CTR-002", ObjectType::Container, "", "web"),
                                finding("CTR-002", ObjectType::Container, "", "db")};
        const QJsonObject root = parse(json::scanToJson(scanOf(std::move(fs))));
        const QJsonArray objects = root.value(QStringLiteral("objects")).toArray();
        QCOMPARE(objects.size(), 2);
        QCOMPARE(objects.at(1).toObject().value(QStringLiteral("ref")).toString(), QStringLiteral("container:db"));
    }

    void outputFollowsTheJsonSchema_data()
    {
        QTest::addColumn<bool>("includeWaived");
        QTest::addColumn<bool>("includeRemediation");
        QTest::addColumn<bool>("expiring");
        QTest::newRow("a full scan with a waiver without end") << true << true << false;
        QTest::newRow("a report with a waiver that expires") << true << true << true;
        QTest::newRow("a report without waived findings") << false << true << false;
        QTest::newRow("a report without remediation") << true << false << false;
    }
    void outputFollowsTheJsonSchema()
    {
        QFETCH(bool, includeWaived);
        QFETCH(bool, includeRemediation);
        QFETCH(bool, expiring);
        ScanResult scan = smallScan();
        if (expiring) {
            std::vector<Finding> fs = scan.findings.all();
            fs.back().waiver->expiresAtUnix = 1900000000;
            scan.findings = FindingSet(std::move(fs));
        }
        ReportData data;
        data.scan = &scan;
        data.includeWaived = includeWaived;
        data.includeRemediation = includeRemediation;
        const auto [code, out] = validateAgainstSchemaTwo(json::scanToJson(data));
        QVERIFY2(code == 0 && out.contains(QStringLiteral("0 error(s)")), qPrintable(out));
    }

    void theSchemaRefusesSchemaOne()
    {
        // The validator is not vacuous: the deprecated shape fails the schema 2 schema.
        const ScanResult scan = smallScan();
        const auto [code, out] = validateAgainstSchemaTwo(json::scanToJson(scan, true, true, 2, 1));
        QCOMPARE(code, 1);
        QVERIFY2(out.contains(QStringLiteral("schemaVersion")) && out.contains(QStringLiteral("objectRef")),
                 qPrintable(out));
    }
};

QTEST_APPLESS_MAIN(TestScanJson)
#include "TestScanJson.moc"
