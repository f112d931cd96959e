#include "core/hardening/probe/TrialObservation.h"
#include "core/hardening/probe/TrialSignals.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::TrialObservation)
Q_DECLARE_METATYPE(std::set<int>)

namespace {

// A container that ran the whole window, watched for 5 s.
TrialObservation running(std::optional<std::set<int>> ports = std::set<int>{80},
                         const std::string& health = {})
{
    TrialObservation o;
    o.started = true;
    o.state = "running";
    o.running = true;
    o.health = health;
    o.listeningPorts = std::move(ports);
    o.watchedSeconds = 5;
    return o;
}

TrialObservation exited(int code)
{
    TrialObservation o = running(std::nullopt);
    o.state = "exited";
    o.running = false;
    o.exitCode = code;
    return o;
}

TrialObservation with(TrialObservation o, const std::function<void(TrialObservation&)>& change)
{
    change(o);
    return o;
}

// Real /proc/net/tcp and /proc/net/tcp6 text as `cat /proc/net/tcp /proc/net/tcp6` prints it in a container
// running busybox httpd on 8080 and sshd on 22 (tcp6), with one established connection.
const char* const kProcNetTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 336 1 "
    "0000000031828ea7 100 0 0 10 0\n"
    "   1: 0100007F:1F90 0100007F:B1C2 01 00000000:00000000 00:00000000 00000000     0        0 9001 1 "
    "00000000a1b2c3d4 20 4 30 10 -1\n"
    "   2: 0100007F:0CEA 00000000:0000 06 00000000:00000000 03:00000ABC 00000000     0        0 0 3 "
    "0000000000000000\n"
    "  sl  local_address                         remote_address                        st tx_queue rx_queue "
    "tr "
    "tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 "
    "00:00000000 00000000     0        0 4711 1 0000000012345678 100 0 0 10 0\n"
    "   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D0A4 06 00000000:00000000 "
    "03:00001234 00000000     0        0 0 3 0000000000000000\n";

} // namespace

// A trial's facts compared with the baseline's, the evidence people read, and the signals taken from a
// trial's own output (permission errors in its log, listening ports in /proc/net/tcp).
class TestTrialComparison : public QObject
{
    Q_OBJECT

private slots:
    void aTrialIsComparedWithTheBaseline_data()
    {
        QTest::addColumn<TrialObservation>("baseline");
        QTest::addColumn<TrialObservation>("trial");
        QTest::addColumn<bool>("same");
        QTest::addColumn<QString>("evidence");

        QTest::newRow("a trial that kept its port and ran the whole window behaves like the baseline")
            << running() << running() << true << "trial kept port 80 and stayed running for 5 s";
        QTest::newRow("a healthy trial says it stayed healthy")
            << running(std::nullopt, "healthy") << running(std::nullopt, "healthy") << true
            << "trial stayed healthy for 5 s";
        QTest::newRow("several ports are named together")
            << running(std::set<int>{80, 443}) << running(std::set<int>{80, 443}) << true
            << "trial kept ports 80 and 443 and stayed running for 5 s";
        QTest::newRow("ports not read in one of them are not compared")
            << running(std::set<int>{80}) << running(std::nullopt) << true << "trial stayed running for 5 s";
        QTest::newRow("a one-shot job that exits with the same code behaves like the baseline")
            << exited(0) << exited(0) << true << "trial exited with code 0 like the baseline";
        QTest::newRow("a trial that exited while the baseline kept running broke")
            << running() << exited(1) << false << "trial exited with code 1 (baseline kept running)";
        QTest::newRow("a job that exits with another code broke")
            << exited(0) << exited(2) << false << "trial exited with code 2 (baseline exited with code 0)";
        QTest::newRow("a trial that keeps running where the baseline exited is different")
            << exited(0) << running(std::nullopt) << false
            << "trial kept running (baseline exited with code 0)";
        QTest::newRow("a trial that keeps restarting broke")
            << running()
            << with(running(),
                    [](TrialObservation& o) {
                        o.state = "restarting";
                        o.restartCount = 3;
                    })
            << false << "trial kept restarting (baseline kept running); trial restarted 3 times (baseline 0)";
        QTest::newRow("a trial that turned unhealthy broke")
            << running(std::nullopt, "healthy") << running(std::nullopt, "unhealthy") << false
            << "trial's health is unhealthy (baseline healthy)";
        QTest::newRow("a trial that lost its port broke")
            << running(std::set<int>{80}) << running(std::set<int>{}) << false
            << "trial no longer listens on port 80";
        QTest::newRow("a trial that listens elsewhere is different")
            << running(std::set<int>{80}) << running(std::set<int>{80, 8081}) << false
            << "trial listens on port 8081 (the baseline did not)";
        QTest::newRow("a new permission error in the trial's log breaks it")
            << running()
            << with(running(),
                    [](TrialObservation& o) {
                        o.permissionErrors = {"chown: /data/file: Operation not permitted",
                                              "mkdir: can't create '/x': Permission denied"};
                    })
            << false << "trial logged `chown: /data/file: Operation not permitted` (and 1 more)";
        QTest::newRow("a permission error the baseline logged too (at another time) does not count")
            << with(running(),
                    [](TrialObservation& o) {
                        o.permissionErrors = {"12:00:01 open /etc/shadow: permission denied"};
                    })
            << with(running(),
                    [](TrialObservation& o) {
                        o.permissionErrors = {"12:00:02 open /etc/shadow: permission denied"};
                    })
            << true << "trial kept port 80 and stayed running for 5 s";
        QTest::newRow("a trial that did not start says why")
            << running()
            << with(TrialObservation{}, [](TrialObservation& o) { o.startError = "invalid user 10001x"; })
            << false << "trial did not start: invalid user 10001x";
        QTest::newRow("without a baseline nothing is said to behave the same")
            << TrialObservation{} << running() << false
            << "the baseline did not start, so there is nothing to compare the trial with";
    }

    void aTrialIsComparedWithTheBaseline()
    {
        QFETCH(TrialObservation, baseline);
        QFETCH(TrialObservation, trial);
        QFETCH(bool, same);
        QFETCH(QString, evidence);
        const TrialComparison c = compareTrial(baseline, trial);
        QCOMPARE(QString::fromStdString(c.evidence), evidence);
        QCOMPARE(c.sameBehaviour, same);
    }

    void permissionProblemsAreRecognisedInTheirUsualWordings_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("permission");
        QTest::newRow("busybox's Permission denied")
            << "mkdir: can't create directory '/var/x': Permission denied" << true;
        QTest::newRow("chown's Operation not permitted")
            << "chown: /data/file: Operation not permitted" << true;
        QTest::newRow("a read-only root") << "sh: can't create /tmp/x: Read-only file system" << true;
        QTest::newRow("Go's bind refusal") << "listen tcp :80: bind: permission denied" << true;
        QTest::newRow("an address already in use is a bind problem too")
            << "bind: Address already in use" << true;
        QTest::newRow("nginx's wording in upper case") << "NGINX: [EMERG] CANNOT BIND TO PORT 80" << true;
        QTest::newRow("a server that failed to bind") << "Failed to bind socket on 0.0.0.0:443" << true;
        QTest::newRow("node's EACCES") << "Error: listen EACCES: permission denied 0.0.0.0:80" << true;
        QTest::newRow("an errno name alone") << "setgroups failed: EPERM" << true;
        QTest::newRow("a program that needs root") << "This program must be run as root." << true;
        QTest::newRow("an ordinary line") << "GET / HTTP/1.1 200" << false;
        QTest::newRow("a word that only contains an errno name")
            << "superpermission granted to the weeperman" << false;
        QTest::newRow("a line about binding that is no error") << "rebinding the keyboard shortcuts" << false;
        QTest::newRow("an empty line") << "" << false;
    }

    void permissionProblemsAreRecognisedInTheirUsualWordings()
    {
        QFETCH(QString, line);
        QFETCH(bool, permission);
        QCOMPARE(isPermissionErrorLine(line.toStdString()), permission);
    }

    void onlyPermissionLinesAreKeptInOrder()
    {
        const StringList lines = {"starting", "chown: /a: Operation not permitted", "ready",
                                  "touch: /b: Read-only file system"};
        QCOMPARE(permissionErrorLines(lines),
                 (StringList{"chown: /a: Operation not permitted", "touch: /b: Read-only file system"}));
    }

    void listeningPortsAreReadFromProcNetTcp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::set<int>>("ports");
        QTest::newRow("tcp and tcp6 together give the LISTEN sockets of both")
            << kProcNetTcp << std::set<int>{22, 8080};
        QTest::newRow("established and time-wait sockets are no listeners")
            << "   1: 0100007F:1F90 0100007F:B1C2 01 00000000:00000000 00:00000000 00000000 0 0 9001 1\n"
            << std::set<int>{};
        QTest::newRow("headers alone give no port") << "  sl  local_address rem_address   st tx_queue "
                                                       "rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                                                    << std::set<int>{};
        QTest::newRow("garbage is skipped, good lines still read")
            << "cat: can't open '/proc/net/tcp6': No such file or directory\n"
               "   0: 00000000:0050 00000000:0000 0A 0 0 0 0 0\n"
               "   x: 00000000:ZZZZ 00000000:0000 0A\n"
            << std::set<int>{80};
        QTest::newRow("nothing at all gives no port") << "" << std::set<int>{};
    }

    void listeningPortsAreReadFromProcNetTcp()
    {
        QFETCH(QString, text);
        QFETCH(std::set<int>, ports);
        QCOMPARE(parseListeningPorts(text.toStdString()), ports);
    }
};

QTEST_GUILESS_MAIN(TestTrialComparison)
#include "TestTrialComparison.moc"
