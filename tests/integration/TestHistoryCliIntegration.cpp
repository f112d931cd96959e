// `drydock scan` stores every scan; history list/show/diff/trend/prune and waivers work from the command
// line; --baseline/--fail-on-new fail only on regressions; secrets never reach the database file; a damaged
// database is reported and left as it was; waivers that cannot be read stop a scan with nothing stored.
#include "core/store/HistoryStore.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

class TestHistoryCliIntegration : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_host;
    QString m_prefix = test::uniqueName(QStringLiteral("hist"));
    const char* m_secret = "Hx4TnW9qL2HistorySecret";

    int dd(QStringList args, QString* out = nullptr, QString* err = nullptr)
    {
        args << QStringLiteral("--db") << m_db;
        return test::drydock(args, out, err);
    }
    QJsonObject json(QStringList args)
    {
        QString out;
        args << QStringLiteral("--format") << QStringLiteral("json");
        dd(args, &out);
        return QJsonDocument::fromJson(out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        m_db = m_dir.filePath(QStringLiteral("history.db"));
        QCOMPARE(test::docker({"create", "--name", m_prefix + QStringLiteral("-a"), "-e",
                               QStringLiteral("DB_PASSWORD=") + m_secret, "-l",
                               QStringLiteral("token=") + m_secret, "drydock-test/busybox:1", "sleep", "60"}),
                 0);
    }
    void cleanupTestCase() { test::docker({"rm", "-f", m_prefix + QStringLiteral("-a"), m_prefix + QStringLiteral("-b")}); }

    void everyScanIsStoredAndListed()
    {
        QCOMPARE(dd({"scan", "--host", m_host, "--output", "/dev/null"}), 0);
        QCOMPARE(dd({"scan", "--host", m_host, "--output", "/dev/null"}), 0);
        const QJsonArray scans = json({"history", "list"}).value(QStringLiteral("scans")).toArray();
        QCOMPARE(scans.size(), 2);
        QCOMPARE(scans[0].toObject().value(QStringLiteral("endpoint")).toString(), m_host);
        QString out;
        QCOMPARE(dd({"history", "list"}, &out), 0);
        QVERIFY(out.contains(m_host));
    }

    void secretsNeverReachTheDatabaseFile()
    {
        for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
            QFile f(m_db + suffix);
            if (f.open(QIODevice::ReadOnly)) {
                QVERIFY2(!f.readAll().contains(m_secret), qPrintable(m_db + suffix));
            }
        }
    }

    void showAndDiffReadTheHistoryBack()
    {
        const QJsonArray scans = json({"history", "list"}).value(QStringLiteral("scans")).toArray();
        const QString later = QString::number(scans[0].toObject().value(QStringLiteral("id")).toInt());
        const QString earlier = QString::number(scans[1].toObject().value(QStringLiteral("id")).toInt());
        const QJsonObject shown = json({"history", "show", later});
        QVERIFY(!shown.value(QStringLiteral("findings")).toArray().isEmpty());
        const QJsonObject delta = json({"history", "diff", earlier, later});
        QCOMPARE(delta.value(QStringLiteral("new")).toArray().size(), 0);
        QCOMPARE(delta.value(QStringLiteral("resolved")).toArray().size(), 0);
        QVERIFY(delta.value(QStringLiteral("unchanged")).toInt() > 0);
        QString err;
        QCOMPARE(dd({"history", "show", "999999"}, nullptr, &err), 2);
        QVERIFY(err.contains(QStringLiteral("999999")));
    }

    void theBaselineFailsOnlyOnRegressions()
    {
        QCOMPARE(dd({"scan", "--host", m_host, "--output", "/dev/null", "--baseline", "last", "--fail-on-new",
                     "critical"}),
                 0);
        QCOMPARE(test::docker({"create", "--name", m_prefix + QStringLiteral("-b"), "--privileged",
                               "drydock-test/busybox:1", "sleep", "60"}),
                 0);
        QString err;
        QCOMPARE(dd({"scan", "--host", m_host, "--output", "/dev/null", "--baseline", "last", "--fail-on-new",
                     "critical"},
                    nullptr, &err),
                 1);
        QVERIFY2(err.contains(QStringLiteral("new")), qPrintable(err));
        // Once it is in the baseline it is no longer new.
        QCOMPARE(dd({"scan", "--host", m_host, "--output", "/dev/null", "--baseline", "last", "--fail-on-new",
                     "critical"}),
                 0);
    }

    void aWaiverMarksFindingsWaivedButKeepsThemListed()
    {
        QString out;
        QCOMPARE(dd({"history", "waivers", "add", "--rule", "CTR-002", "--object", m_prefix + QStringLiteral("-b"),
                     "--reason", "lab machine, accepted until it is rebuilt", "--expires", "30d"},
                    &out),
                 0);
        QCOMPARE(dd({"scan", "--host", m_host, "--only", "container", "--format", "json", "--output",
                     m_dir.filePath(QStringLiteral("w.json"))}),
                 0);
        QFile f(m_dir.filePath(QStringLiteral("w.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        bool waived = false;
        const auto names = test::scanJsonObjectNames(root);
        for (const auto& v : root.value(QStringLiteral("findings")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("ruleId")).toString() == QLatin1String("CTR-002") &&
                names.value(o.value(QStringLiteral("objectRef")).toString()) == m_prefix + QStringLiteral("-b")) {
                waived = o.value(QStringLiteral("waiver")).isObject();
            }
        }
        QVERIFY(waived);
        QVERIFY(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("waived")).toInt() >= 1);
    }

    void waiversTravelAsAFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("waivers.json"));
        QCOMPARE(dd({"history", "waivers", "export", file}), 0);
        QTemporaryDir other;
        QString out;
        QCOMPARE(test::drydock({"history", "waivers", "import", file, "--db", other.filePath(QStringLiteral("h.db"))},
                               &out),
                 0);
        QVERIFY(out.contains(QStringLiteral("Imported 1")));
        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"waivers\": 3}");
        bad.close();
        QString err;
        QCOMPARE(dd({"history", "waivers", "import", bad.fileName()}, nullptr, &err), 2);
        QVERIFY(err.contains(QStringLiteral("not a Drydock waiver file")));
    }

    void trendAndPruneWork()
    {
        const QJsonArray points = json({"history", "trend"}).value(QStringLiteral("trend")).toArray();
        QCOMPARE(points.size(), 1); // every scan happened today
        QString out;
        QCOMPARE(dd({"history", "prune", "--older-than", "90d"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Removed 0")));
        QCOMPARE(dd({"history", "prune"}), 2);
    }

    void aDamagedDatabaseStopsTheScanAndIsKept()
    {
        const QString damaged = m_dir.filePath(QStringLiteral("damaged.db"));
        QFile f(damaged);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        QString err;
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--db", damaged}, nullptr, &err), 4);
        QVERIFY2(err.contains(QStringLiteral("damaged")), qPrintable(err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(8192, 'x'));
        f.close();
        QString out;
        QCOMPARE(test::drydock({"history", "reset", "--db", damaged}, &out), 0);
        QCOMPARE(test::drydock({"scan", "--host", m_host, "--db", damaged, "--output", "/dev/null"}), 0);
    }

    // The same policy as the GUI (ScanRecorder): storing a scan without its waivers would count accepted
    // risks as open, so the scan stops with the reason and the history stays as it was.
    void unreadableWaiversStopTheScanWithNothingStored_data()
    {
        QTest::addColumn<QStringList>("scan");
        QTest::newRow("a single-endpoint scan") << QStringList{"scan", "--host", m_host};
        QTest::newRow("a fleet scan") << QStringList{"scan", "--host", m_host, "--host", m_host};
    }
    void unreadableWaiversStopTheScanWithNothingStored()
    {
        QFETCH(QStringList, scan);
        const QString db = m_dir.filePath(QStringLiteral("no-waivers-%1.db").arg(QTest::currentDataTag()));
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            // The database opens, but it has no waivers to read.
            QVERIFY(store.value()->database().exec("DROP TABLE waivers").ok());
        }
        QString out;
        QString err;
        QCOMPARE(test::drydock(scan << "--db" << db, &out, &err), 4);
        QVERIFY2(err.contains(QStringLiteral("waivers in the history could not be read")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("nothing was stored")), qPrintable(err));
        QVERIFY(out.isEmpty()); // no report as if the waivers had been applied
        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto scans = store.value()->scans().list();
        QVERIFY(scans.ok());
        QVERIFY(scans->empty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryCliIntegration)
#include "TestHistoryCliIntegration.moc"
