// `drydock watch` against the private dockerd, through the real binary (QProcess): it takes its baseline,
// prints one line naming a risky container soon after it appears and exits 1 with --fail-on high; a risk that
// was there before the watch started is not news; SIGTERM ends a quiet watch with exit 0; the daemon going
// away ends it with exit 3; the alert is in `drydock history alerts`.
#include "core/store/HistoryStore.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

using namespace drydock;

class TestWatchCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_host;
    QString m_old = test::uniqueName(QStringLiteral("watch-old"));
    QString m_risky = test::uniqueName(QStringLiteral("watch-risky"));

    // Starts `drydock watch` on host (the private daemon unless told) and waits until its baseline is taken
    // (its "Watching …" line on stderr); *err gets what it printed so far.
    void startWatch(QProcess& p, const QStringList& extra, const QString& host = {},
                    QByteArray* err = nullptr)
    {
        p.setProgram(qEnvironmentVariable("DRYDOCK_BINARY"));
        p.setArguments(QStringList{"watch", "--host", host.isEmpty() ? m_host : host, "--db", m_db} + extra);
        p.start();
        QVERIFY(p.waitForStarted());
        QByteArray printed;
        QElapsedTimer t;
        t.start();
        while (!printed.contains("Watching") && t.elapsed() < 60000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(200);
            printed += p.readAllStandardError();
        }
        printed += p.readAllStandardError();
        if (err) {
            *err = printed;
        }
        QVERIFY2(printed.contains("Watching"), printed.constData());
    }

    // A container with the Docker socket bind-mounted and no network: created, then started (when this
    // machine's sandbox lets it start; the create event alone is enough for the watch).
    void startRisky(const QString& name)
    {
        QCOMPARE(test::docker({"create", "--name", name, "--network", "none", "-v",
                               test::privateDaemonSocket() + QStringLiteral(":/var/run/docker.sock"),
                               "drydock-test/busybox:1", "sleep", "600"}),
                 0);
        test::docker({"start", name});
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        m_db = m_dir.filePath(QStringLiteral("history.db"));
    }
    void cleanupTestCase() { test::docker({"rm", "-f", m_old, m_risky}); }

    void aQuietWatchEndsCleanlyOnSigterm()
    {
        startRisky(m_old); // there before the watch: the baseline, not news
        QProcess p;
        startWatch(p, {"--fail-on", "high"});
        QTest::qWait(1000);
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(p.readAllStandardOutput().isEmpty(), "no alert for what was already there");
    }

    void aRiskyContainerEndsTheWatchWithExitOneAndOneLineNamingIt()
    {
        QProcess p;
        startWatch(p, {"--fail-on", "high"});
        QElapsedTimer t;
        t.start();
        startRisky(m_risky);
        QVERIFY2(p.waitForFinished(15000), "drydock watch did not stop on the alert");
        const qint64 seconds = t.elapsed() / 1000;
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 1, qPrintable(err));
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains(QLatin1Char('`') + m_risky + QLatin1Char('`')), qPrintable(lines[0]));
        QVERIFY2(lines[0].contains(QStringLiteral("critical")), qPrintable(lines[0]));
        QVERIFY2(!lines[0].contains(m_old), qPrintable(lines[0]));
        qInfo("alert after about %lld s: %s", static_cast<long long>(seconds), qPrintable(lines[0]));

        // Stored: `history alerts` shows what happened while nobody looked.
        QString listed;
        QCOMPARE(test::drydock({"history", "alerts", "--db", m_db, "--format", "json"}, &listed), 0);
        const QJsonArray alerts =
            QJsonDocument::fromJson(listed.toUtf8()).object().value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts[0].toObject().value(QStringLiteral("object")).toString(), m_risky);
        QCOMPARE(alerts[0].toObject().value(QStringLiteral("endpoint")).toString(), m_host);
        QString text;
        QCOMPARE(test::drydock({"history", "alerts", "--db", m_db, "--since", "1h"}, &text), 0);
        QVERIFY2(text.contains(m_risky), qPrintable(text));
    }

    static bool listening(const QString& path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray bytes = path.toLocal8Bit();
        std::strncpy(address.sun_path, bytes.constData(), sizeof address.sun_path - 1);
        const bool ok =
            fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
        if (fd >= 0) {
            ::close(fd);
        }
        return ok;
    }

    // The daemon going away (here: the socat front the watch talks through is stopped) ends the watch with
    // a sentence on stderr and exit 3, the documented "cannot talk to the daemon".
    void theDaemonGoingAwayEndsTheWatchWithExitThree()
    {
        QVERIFY2(!QStandardPaths::findExecutable("socat").isEmpty(), "this test needs socat");
        const QString front = m_dir.filePath(QStringLiteral("front.sock"));
        QProcess socat;
        socat.setChildProcessModifier([] { ::setsid(); }); // its own group: the per-connection children too
        socat.start("socat",
                    {"UNIX-LISTEN:" + front + ",fork", "UNIX-CONNECT:" + test::privateDaemonSocket()});
        QVERIFY(socat.waitForStarted());
        // socat creates the socket file before it listens: wait until a connection is accepted.
        QTRY_VERIFY_WITH_TIMEOUT(listening(front), 5000);
        QProcess p;
        QByteArray err;
        startWatch(p, {}, "unix://" + front, &err);
        if (QTest::currentTestFailed()) {
            qWarning("socat: %s", socat.readAllStandardError().constData());
            return;
        }
        QTest::qWait(500);
        // socat and the children it forked per connection: the whole process group.
        ::kill(-static_cast<pid_t>(socat.processId()), SIGTERM);
        socat.terminate();
        QVERIFY(socat.waitForFinished(5000));
        QVERIFY2(p.waitForFinished(15000), "drydock watch did not notice the daemon went away");
        err += p.readAllStandardError();
        QCOMPARE(p.exitCode(), 3);
        QVERIFY2(err.contains("lost the Docker daemon"), err.constData());
    }

    void aBadSeverityIsAUsageError()
    {
        QString err;
        QCOMPARE(
            test::drydock({"watch", "--host", m_host, "--db", m_db, "--fail-on", "severe"}, nullptr, &err),
            2);
        QVERIFY(err.contains(QStringLiteral("--fail-on wants")));
    }
};

QTEST_GUILESS_MAIN(TestWatchCli)
#include "TestWatchCli.moc"
