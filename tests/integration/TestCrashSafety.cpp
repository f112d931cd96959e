// kill -9 at random moments of a scan that writes its history, twenty times over. SQLite in WAL mode with
// one transaction per scan must make every kill harmless: the database always opens, passes
// PRAGMA integrity_check, and still holds every scan that finished before — the interrupted one is either
// entirely there or entirely absent.
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace drydock;

class TestCrashSafety : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_prefix = test::uniqueName(QStringLiteral("crash"));
    QStringList m_containers;
    QString m_db;
    QString m_host;

    QStringList scanArgs() const
    {
        return {"scan", "--host", m_host, "--db", m_db, "--format", "json", "--output", m_dir.filePath("last.json")};
    }

    QSet<qint64> storedScanIds()
    {
        QString out;
        QString err;
        if (test::drydock({"history", "list", "--db", m_db, "--format", "json"}, &out, &err) != 0) {
            qWarning("history list failed: %s", qPrintable(err));
            return {QSet<qint64>{-1}};
        }
        QSet<qint64> ids;
        const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8());
        const QJsonArray scans = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("scans")).toArray();
        for (const auto& s : scans) {
            ids.insert(s.toObject().value(QStringLiteral("id")).toInteger());
        }
        return ids;
    }

    QString integrityCheck()
    {
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {m_db, QStringLiteral("PRAGMA integrity_check;")});
        if (!sqlite.waitForFinished(60000)) {
            return QStringLiteral("sqlite3 did not finish");
        }
        return QString::fromUtf8(sqlite.readAllStandardOutput() + sqlite.readAllStandardError()).trimmed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        m_db = m_dir.filePath(QStringLiteral("history.db"));
        // Enough containers that writing a scan's findings takes a while to hit.
        for (int i = 0; i < 25; ++i) {
            const QString name = m_prefix + QStringLiteral("-%1").arg(i);
            QCOMPARE(test::docker({"create", "--name", name, "--cap-add", "SYS_ADMIN", "-p", "127.0.0.1::80", "-e",
                                   "APP_TOKEN=Cr4shT0ken" + QString::number(i), "drydock-test/busybox:1", "sleep", "60"}),
                     0);
            m_containers << name;
        }
        // Two complete scans that must survive everything that follows.
        QCOMPARE(test::drydock(scanArgs()), 0);
        QCOMPARE(test::drydock(scanArgs()), 0);
        QCOMPARE(storedScanIds().size(), 2);
    }

    void cleanupTestCase()
    {
        for (const auto& c : m_containers) {
            test::docker({"rm", "-f", c});
        }
    }

    void killedMidScanTwentyTimesLosesNothing()
    {
        // How long one scan takes here, so kills land across the whole of it, history writing included.
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(test::drydock(scanArgs()), 0);
        const qint64 scanMs = std::max<qint64>(timer.elapsed(), 50);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        int completedAnyway = 0;
        for (int round = 0; round < 20; ++round) {
            const QSet<qint64> before = storedScanIds();
            QVERIFY(!before.contains(-1));

            QProcess drydock;
            drydock.setProcessEnvironment(env);
            drydock.start(qEnvironmentVariable("DRYDOCK_BINARY"), scanArgs());
            QVERIFY(drydock.waitForStarted());
            const auto delay = QRandomGenerator::global()->bounded(static_cast<int>(scanMs * 12 / 10) + 1);
            QThread::msleep(static_cast<unsigned long>(delay));
            if (drydock.state() == QProcess::Running) {
                ::kill(static_cast<pid_t>(drydock.processId()), SIGKILL);
            } else {
                ++completedAnyway;
            }
            QVERIFY(drydock.waitForFinished(60000));

            QCOMPARE(integrityCheck(), QStringLiteral("ok"));
            const QSet<qint64> after = storedScanIds();
            QVERIFY2(!after.contains(-1), "the database no longer opens");
            QVERIFY2(after.contains(before), qPrintable(QStringLiteral("round %1 lost an earlier scan").arg(round)));
            QVERIFY(after.size() <= before.size() + 1);
        }
        qInfo("%d of 20 scans finished before their kill landed", completedAnyway);
        // And the database is still a working history: a normal scan after all that is stored and readable.
        const QSet<qint64> before = storedScanIds();
        QCOMPARE(test::drydock(scanArgs()), 0);
        QCOMPARE(storedScanIds().size(), before.size() + 1);
        for (const qint64 id : storedScanIds()) {
            QString out;
            QCOMPARE(test::drydock({"history", "show", QString::number(id), "--db", m_db, "--format", "json"}, &out), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
