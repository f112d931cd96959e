// The drydock executable end to end: exit codes, formats, output files and clear errors.
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

class TestCliIntegration : public QObject
{
    Q_OBJECT
private:
    QString m_host;
    QString m_prefix = test::uniqueName(QStringLiteral("cli"));
    const char* m_secret = "Pw7kQ2mZx5CliSecret";

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        QCOMPARE(test::docker({"create", "--name", m_prefix + QStringLiteral("-priv"), "--privileged", "-e",
                               QStringLiteral("API_PASSWORD=") + m_secret, "drydock-test/busybox:1", "sleep", "60"}),
                 0);
    }
    void cleanupTestCase() { test::docker({"rm", "-f", m_prefix + QStringLiteral("-priv")}); }

    void versionAndHelpSucceed()
    {
        QString out;
        QCOMPARE(test::drydock({"--version"}, &out), 0);
        QVERIFY(out.startsWith(QStringLiteral("drydock ")));
        QCOMPARE(test::drydock({"--help"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Exit codes")));
        QCOMPARE(test::drydock({"scan", "--help"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("--fail-on")));
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("an unknown command") << QStringList{"frobnicate"};
        QTest::newRow("an unknown option") << QStringList{"scan", "--frob"};
        QTest::newRow("an unknown format") << QStringList{"scan", "--format", "docx"};
        QTest::newRow("a bad severity") << QStringList{"scan", "--fail-on", "severe"};
        QTest::newRow("a bad rule severity") << QStringList{"scan", "--rule-severity", "IMG-007"};
        QTest::newRow("an unknown area") << QStringList{"scan", "--only", "kitchen"};
        QTest::newRow("an option without its value") << QStringList{"inventory", "--format"};
        QTest::newRow("an unknown JSON schema") << QStringList{"scan", "--format", "json", "--schema", "3"};
        QTest::newRow("a JSON schema without JSON") << QStringList{"scan", "--format", "text", "--schema", "1"};
        QTest::newRow("a JSON schema for a report without JSON")
            << QStringList{"report", "1", "--format", "csv", "--output", "x.csv", "--schema", "1"};
        QTest::newRow("a JSON schema for a fleet report")
            << QStringList{"report", "--fleet", "--format", "json", "--output", "x.json", "--schema", "1"};
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QString err;
        QCOMPARE(test::drydock(args, nullptr, &err), 2);
        QVERIFY(err.startsWith(QStringLiteral("drydock: ")));
    }

    void anUnreachableDaemonExitsWithThreeAndSaysWhy()
    {
        QTemporaryDir dir;
        QString err;
        const QString missing = dir.filePath(QStringLiteral("nothing.sock"));
        QCOMPARE(test::drydock({"scan", "--host", QStringLiteral("unix://") + missing}, nullptr, &err), 3);
        QVERIFY2(err.contains(missing), qPrintable(err));
        QCOMPARE(test::drydock({"inventory"}, nullptr, &err, {QStringLiteral("DOCKER_HOST=unix://") + missing}), 3);
        QVERIFY2(err.contains(missing), qPrintable(err));
    }

    void inventoryJsonHasEveryKind()
    {
        QString out;
        QString err;
        QCOMPARE(test::drydock({"inventory", "--host", m_host, "--format", "json"}, &out, &err), 0);
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8()).object();
        for (const char* key : {"endpoint", "engineVersion", "apiVersion", "daemon", "containers", "images", "networks",
                                "volumes"}) {
            QVERIFY2(root.contains(QLatin1String(key)), key);
        }
        QVERIFY(!root.value(QStringLiteral("containers")).toArray().isEmpty());
        QVERIFY(!out.contains(QLatin1String(m_secret)));
    }

    void inventoryTextListsContainers()
    {
        QString out;
        QCOMPARE(test::drydock({"inventory", "--host", m_host}, &out), 0);
        QVERIFY(out.contains(m_prefix + QStringLiteral("-priv")));
        QVERIFY(out.contains(QStringLiteral("CONTAINERS")));
    }

    void scanFailsOnCriticalAndWritesSeveralFormats()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("scan.json"));
        const QString text = dir.filePath(QStringLiteral("scan.txt"));
        QString err;
        const int rc = test::drydock({"scan", "--host", m_host, "--fail-on", "critical", "--format", "json", "--output",
                                      json, "--format", "text", "--output", text},
                                     nullptr, &err);
        QCOMPARE(rc, 1);
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QByteArray bytes = jf.readAll();
        QVERIFY(!bytes.contains(m_secret));
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 2);
        QVERIFY(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("critical")).toInt() >= 1);
        const QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QVERIFY(!findings.isEmpty());
        const QJsonObject first = findings.first().toObject();
        for (const char* key : {"ruleId", "area", "severity", "cis", "objectRef", "title", "evidence", "rationale",
                                "fix", "remediation", "waiver"}) {
            QVERIFY2(first.contains(QLatin1String(key)), key);
        }
        // The privileged container is listed once, with its remediated command.
        int listed = 0;
        for (const auto& v : root.value(QStringLiteral("objects")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("name")).toString().endsWith(m_prefix + QStringLiteral("-priv"))) {
                ++listed;
                QVERIFY(o.value(QStringLiteral("ref")).toString().startsWith(QStringLiteral("container:")));
                QVERIFY(o.value(QStringLiteral("remediation"))
                            .toObject()
                            .value(QStringLiteral("runCommand"))
                            .toString()
                            .contains(QStringLiteral("docker run")));
            }
        }
        QCOMPARE(listed, 1);
        QVERIFY2(!err.contains(QStringLiteral("deprecated")), qPrintable(err));
        QVERIFY(QFile::exists(text));
        QVERIFY(!QFile::exists(json + QStringLiteral(".part")));
    }

    void scanWritesTheDeprecatedSchemaOneOnRequest()
    {
        QString out;
        QString err;
        const int rc = test::drydock(
            {"scan", "--host", m_host, "--only", "container", "--no-history", "--format", "json", "--schema", "1"},
            &out, &err);
        QVERIFY2(rc == 0 || rc == 1, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("schemaVersion 1 is deprecated")), qPrintable(err));
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 1);
        QVERIFY(!root.contains(QStringLiteral("objects")));
        int privileged = 0;
        for (const auto& v : root.value(QStringLiteral("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            const QJsonObject object = f.value(QStringLiteral("object")).toObject();
            QCOMPARE(object.keys(), (QStringList{"id", "name", "type"}));
            if (object.value(QStringLiteral("name")).toString().endsWith(m_prefix + QStringLiteral("-priv"))) {
                ++privileged;
                // Every finding of the container repeats its whole remediated command.
                QVERIFY(f.value(QStringLiteral("remediation"))
                            .toObject()
                            .value(QStringLiteral("runCommand"))
                            .toString()
                            .contains(QStringLiteral("docker run")));
            }
        }
        QVERIFY(privileged >= 2);
    }

    void anUnknownJsonSchemaNamesTheOnesThereAre()
    {
        QString err;
        QCOMPARE(test::drydock({"scan", "--format", "json", "--schema", "3"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("'3'")) && err.contains(QStringLiteral("use 2")), qPrintable(err));
        QCOMPARE(test::drydock({"scan", "--format", "sarif", "--schema", "1"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--format json")), qPrintable(err));
    }

    void scanPassesWhenNothingReachesTheThreshold()
    {
        // Only daemon checks, and no daemon finding of this sandbox is critical.
        QString out;
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--only", "daemon", "--fail-on", "critical"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Findings:")));
    }

    void aRuleSeverityOverrideChangesTheExitCode()
    {
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--only", "container", "--rule-severity", "CTR-002=low",
                                "--rule-severity", "CTR-003=low", "--rule-severity", "CTR-013=low", "--rule-severity",
                                "CTR-012=low", "--fail-on", "critical"}),
                 0);
    }

    void anUnwritableOutputExitsWithFourAndKeepsNothingHalfWritten()
    {
        QString err;
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--format", "json", "--output", "/nonexistent-dir/x.json"},
                               nullptr, &err),
                 4);
        QVERIFY(err.contains(QStringLiteral("/nonexistent-dir/x.json")));
    }
};

QTEST_GUILESS_MAIN(TestCliIntegration)
#include "TestCliIntegration.moc"
