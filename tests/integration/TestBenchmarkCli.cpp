// --cis and `drydock benchmark` end to end against the private daemon: the chosen version's ids in the
// output, a clear usage error for an unknown version, the whole recommendation list with a verdict each, and
// a history that never changes with the version shown.
#include "core/cis/CisBenchmark.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

// The CIS id of the first finding of rule in a scan JSON, and the version it names.
QPair<QString, QString> cisOf(const QJsonObject& scan, const QString& rule)
{
    for (const auto& value : scan.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = value.toObject();
        if (f.value(QStringLiteral("ruleId")).toString() == rule) {
            const QJsonObject cis = f.value(QStringLiteral("cis")).toObject();
            return {cis.value(QStringLiteral("id")).toString(),
                    cis.value(QStringLiteral("version")).toString()};
        }
    }
    return {};
}

} // namespace

class TestBenchmarkCli : public QObject
{
    Q_OBJECT
private:
    QString m_host;
    QString m_prefix = test::uniqueName(QStringLiteral("bench"));
    QTemporaryDir m_dir;
    QString m_db;

    // drydock with this test's own history.
    QJsonObject json(QStringList args, int expectedExit = 0)
    {
        QString out;
        QString err;
        args << QStringLiteral("--db") << m_db;
        const int code = test::drydock(args, &out, &err);
        if (code != expectedExit) {
            qWarning("drydock %s exited %d: %s", qPrintable(args.join(' ')), code, qPrintable(err));
            return {};
        }
        return QJsonDocument::fromJson(out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        m_db = m_dir.filePath(QStringLiteral("history.db"));
        QCOMPARE(test::docker({"create", "--name", m_prefix + QStringLiteral("-priv"), "--privileged",
                               "drydock-test/busybox:1", "sleep", "60"}),
                 0);
    }
    void cleanupTestCase() { test::docker({"rm", "-f", m_prefix + QStringLiteral("-priv")}); }

    void scanShowsTheChosenVersionsIds_data()
    {
        // DMN-007 (no authorization plugin; the private daemon has none) sits in the renumbered part of
        // section 2; CTR-002 (the privileged container) in section 5, which kept its ids.
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("pluginId");
        QTest::newRow("1.6.0 shows the rules' own ids") << "1.6.0"
                                                        << "2.12";
        QTest::newRow("1.7.0 has 1.6.0's ids") << "1.7.0"
                                               << "2.12";
        QTest::newRow("1.8.0 has section 2 renumbered") << "1.8.0"
                                                        << "2.13";
    }
    void scanShowsTheChosenVersionsIds()
    {
        QFETCH(QString, version);
        QFETCH(QString, pluginId);
        const QJsonObject scan =
            json({"scan", "--host", m_host, "--no-history", "--format", "json", "--cis", version});
        QCOMPARE(scan.value(QStringLiteral("cis")).toObject().value(QStringLiteral("version")).toString(),
                 version);
        QCOMPARE(cisOf(scan, QStringLiteral("DMN-007")), qMakePair(pluginId, version));
        QCOMPARE(cisOf(scan, QStringLiteral("CTR-002")), qMakePair(QStringLiteral("5.5"), version));
        const QJsonObject benchmark = scan.value(QStringLiteral("benchmark")).toObject();
        QCOMPARE(benchmark.value(QStringLiteral("version")).toString(), version);
        QVERIFY(!benchmark.value(QStringLiteral("items")).toArray().isEmpty());
    }

    void theDefaultIs180()
    {
        const QJsonObject scan = json({"scan", "--host", m_host, "--no-history", "--format", "json"});
        QCOMPARE(scan.value(QStringLiteral("cis")).toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral("1.8.0"));
        QCOMPARE(cisOf(scan, QStringLiteral("DMN-007")).first, QStringLiteral("2.13"));
    }

    void anUnknownVersionIsAUsageErrorNamingTheAcceptedOnes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("scan") << QStringList{"scan", "--host", m_host, "--cis", "1.5.0"};
        QTest::newRow("scan --list-rules") << QStringList{"scan", "--list-rules", "--cis", "1.5.0"};
        QTest::newRow("report") << QStringList{"report", "1",        "--db", m_db,    "--format",
                                               "json",   "--output", "-",    "--cis", "1.5.0"};
        QTest::newRow("history show") << QStringList{"history", "show", "1", "--db", m_db, "--cis", "1.5.0"};
        QTest::newRow("benchmark") << QStringList{"benchmark", "--host", m_host, "--cis", "1.5.0"};
        QTest::newRow("check") << QStringList{"check", ".", "--cis", "1.5.0"};
    }
    void anUnknownVersionIsAUsageErrorNamingTheAcceptedOnes()
    {
        QFETCH(QStringList, args);
        QString err;
        QCOMPARE(test::drydock(args, nullptr, &err), 2);
        QVERIFY2(err.contains(
                     QStringLiteral("unknown CIS Docker Benchmark version '1.5.0' (use 1.6.0, 1.7.0, 1.8.0")),
                 qPrintable(err));
    }

    void benchmarkListsEveryRecommendationWithAVerdictAndAReason()
    {
        QString out;
        QCOMPARE(test::drydock({"benchmark", "--host", m_host, "--format", "json"}, &out), 0);
        const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
        const QJsonObject benchmark = doc.value(QStringLiteral("benchmark")).toObject();
        QCOMPARE(benchmark.value(QStringLiteral("version")).toString(), QStringLiteral("1.8.0"));
        const QJsonArray items = benchmark.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 118);
        const QStringList verdicts{"pass", "fail", "not-applicable", "not-checked"};
        QHash<QString, QJsonObject> byId;
        for (const auto& value : items) {
            const QJsonObject item = value.toObject();
            const QString id = item.value(QStringLiteral("id")).toString();
            QVERIFY2(verdicts.contains(item.value(QStringLiteral("verdict")).toString()), qPrintable(id));
            QVERIFY2(!item.value(QStringLiteral("reason")).toString().isEmpty(), qPrintable(id));
            byId.insert(id, item);
        }
        QCOMPARE(byId.size(), 118);
        // The privileged container fails 5.5 with its finding; the host-only items say what they need.
        QCOMPARE(byId[QStringLiteral("5.5")].value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("fail"));
        QVERIFY(byId[QStringLiteral("5.5")].value(QStringLiteral("findings")).toArray().size() >= 1);
        QCOMPARE(byId[QStringLiteral("1.1.1")].value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("not-checked"));
        // Nothing was stored: the benchmark reads, like scan --no-history.
        QCOMPARE(
            json({"history", "list", "--format", "json"}).value(QStringLiteral("scans")).toArray().size(), 0);

        QString text;
        QCOMPARE(test::drydock({"benchmark", "--host", m_host, "--cis", "1.6.0"}, &text), 0);
        QVERIFY(text.startsWith(QStringLiteral("CIS Docker Benchmark 1.6.0: every recommendation")));
        QVERIFY2(text.contains(QRegularExpression(
                     QStringLiteral("\n5\\.5 +fail +[^\n]+ — [0-9]+ findings? of CTR-002"))),
                 qPrintable(text));
    }

    void theHistoryNeverChangesWithTheVersionShown()
    {
        QString err;
        QCOMPARE(
            test::drydock({"scan", "--host", m_host, "--db", m_db, "--output", "/dev/null"}, nullptr, &err),
            0);
        const QJsonArray scans =
            json({"history", "list", "--format", "json"}).value(QStringLiteral("scans")).toArray();
        QCOMPARE(scans.size(), 1);
        const QString id = QString::number(scans.first().toObject().value(QStringLiteral("id")).toInteger());

        // A report of the stored scan translates the stored references to the version asked for.
        const QJsonObject old = json({"report", id, "--format", "json", "--output", "-", "--cis", "1.6.0"});
        QCOMPARE(old.value(QStringLiteral("cis")).toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral("1.6.0"));
        QCOMPARE(cisOf(old, QStringLiteral("DMN-007")),
                 qMakePair(QStringLiteral("2.12"), QStringLiteral("1.6.0")));
        const QJsonObject current = json({"report", id, "--format", "json", "--output", "-"});
        QCOMPARE(cisOf(current, QStringLiteral("DMN-007")),
                 qMakePair(QStringLiteral("2.13"), QStringLiteral("1.8.0")));
        QCOMPARE(current.value(QStringLiteral("benchmark"))
                     .toObject()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
                 118);
        const QJsonObject shown = json({"history", "show", id, "--format", "json", "--cis", "1.6.0"});
        QCOMPARE(cisOf(shown, QStringLiteral("DMN-007")),
                 qMakePair(QStringLiteral("2.12"), QStringLiteral("1.6.0")));
        // A stored scan's benchmark list reads the stored scan, not the daemon.
        QString listed;
        QCOMPARE(test::drydock({"benchmark", "--scan", id, "--db", m_db, "--format", "json"}, &listed), 0);
        QCOMPARE(QJsonDocument::fromJson(listed.toUtf8())
                     .object()
                     .value("benchmark")
                     .toObject()
                     .value("items")
                     .toArray()
                     .size(),
                 118);

        // The findings' keys (SARIF fingerprints) are the same whatever the version shown.
        const auto fingerprints = [&](const QString& version) {
            QStringList keys;
            const QJsonObject sarif =
                json({"report", id, "--format", "sarif", "--output", "-", "--cis", version});
            for (const auto& r :
                 sarif.value("runs").toArray().first().toObject().value("results").toArray()) {
                keys << r.toObject()
                            .value("partialFingerprints")
                            .toObject()
                            .value("drydockFindingKey/v1")
                            .toString();
            }
            return keys;
        };
        const QStringList keys = fingerprints(QStringLiteral("1.8.0"));
        QVERIFY(!keys.isEmpty());
        QCOMPARE(fingerprints(QStringLiteral("1.6.0")), keys);

        // The next scan, shown in another version, compares with the stored one: nothing new, nothing
        // resolved.
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--db", m_db, "--cis", "1.6.0", "--baseline",
                                "last", "--output", "/dev/null"},
                               nullptr, &err),
                 0);
        QVERIFY2(err.contains(
                     QRegularExpression(QStringLiteral("Since scan [0-9]+: 0 new, 0 resolved, [1-9][0-9]* "
                                                       "unchanged finding"))),
                 qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestBenchmarkCli)
#include "TestBenchmarkCli.moc"
