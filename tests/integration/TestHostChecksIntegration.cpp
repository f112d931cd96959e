#include "core/host/DaemonProcess.h"
#include "core/host/HostView.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::test;

// The host checks against real daemons on this machine: the CTest fixture daemon (--iptables=false
// --userland-proxy=false, no daemon.json) and a second private dockerd started here with --no-new-privileges
// and a --config-file whose log-level is debug (and the userland proxy left on). Each scan must judge its own
// daemon: the socket match picks the right dockerd while several run.
class TestHostChecksIntegration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void findingsFollowEachDaemonsFlags_data();
    void findingsFollowEachDaemonsFlags();
    void theSocketPicksItsOwnDaemon();
    void theFixScriptIsWrittenNeverRun();
    void noHostChecksReadsNothingOfTheHost();
    void aPlantedHostRootIsReadInsteadOfTheMachines();
    void credentialsInDaemonSettingsReachNoOutput();
    void aDataRootOnItsOwnFileSystemPassesTheSeparatePartitionCheck();

private:
    // rule id -> evidence of its first finding, from `drydock scan --format json` of the socket
    QHash<QString, QString> scanHostFindings(const QString& socket, const QStringList& extra = {});
    // Starts a private dockerd on socket (no bridge, no iptables) with extra flags; false when it did not come up.
    bool startDaemon(QProcess& daemon, const QString& socket, const QString& name, const QStringList& extra);
    static void stopDaemon(QProcess& daemon);

    QString m_dir; // short: the socket path must stay under 108 bytes
    QProcess m_daemon;
    QHash<QString, QString> m_fixture;
    QHash<QString, QString> m_flagged;
};

QHash<QString, QString> TestHostChecksIntegration::scanHostFindings(const QString& socket,
                                                                    const QStringList& extra)
{
    QString out;
    QString err;
    const int rc = test::drydock(
        QStringList{"scan", "--host", "unix://" + socket, "--no-history", "--format", "json"} + extra, &out,
        &err);
    if (rc != 0 && rc != 1) {
        qWarning("drydock scan exited %d: %s", rc, qPrintable(err));
        return {};
    }
    QHash<QString, QString> found;
    const auto findings = QJsonDocument::fromJson(out.toUtf8()).object().value("findings").toArray();
    for (const auto& f : findings) {
        const QString id = f.toObject().value("ruleId").toString();
        if (id.startsWith("HST-") && !found.contains(id)) {
            found.insert(id, f.toObject().value("evidence").toString());
        }
    }
    return found;
}

void TestHostChecksIntegration::initTestCase()
{
    char tmpl[] = "/tmp/dd-host-XXXXXX";
    QVERIFY(::mkdtemp(tmpl) != nullptr);
    m_dir = QString::fromLatin1(tmpl);
    {
        std::ofstream(QString(m_dir + "/daemon.json").toStdString()) << R"({"log-level": "debug"})";
    }
    // No bridge, no iptables: like the fixture daemon, it never touches the host's network.
    m_daemon.setProcessChannelMode(QProcess::MergedChannels);
    m_daemon.setStandardOutputFile(m_dir + "/dockerd.log");
    m_daemon.start("dockerd", {"--host", "unix://" + m_dir + "/d.sock", "--data-root", m_dir + "/data",
                               "--exec-root", m_dir + "/exec", "--pidfile", m_dir + "/d.pid", "--bridge",
                               "none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                               "--no-new-privileges", "--config-file", m_dir + "/daemon.json"});
    QVERIFY(m_daemon.waitForStarted(10000));
    bool up = false;
    for (int i = 0; i < 150 && !up; ++i) {
        QProcess v;
        v.start("docker", {"-H", "unix://" + m_dir + "/d.sock", "version"});
        up = v.waitForFinished(10000) && v.exitCode() == 0;
        if (!up) {
            QThread::msleep(200);
        }
    }
    QVERIFY2(up, "the second private dockerd did not come up; see its dockerd.log");
    m_fixture = scanHostFindings(privateDaemonSocket());
    m_flagged = scanHostFindings(m_dir + "/d.sock");
    QVERIFY(!m_fixture.isEmpty());
    QVERIFY(!m_flagged.isEmpty());
}

void TestHostChecksIntegration::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(20000)) {
            m_daemon.kill();
            m_daemon.waitForFinished(5000);
        }
    }
    if (!m_dir.isEmpty()) {
        QFile mounts("/proc/self/mounts");
        if (mounts.open(QIODevice::ReadOnly)) {
            QStringList under;
            for (const auto& line : QString::fromUtf8(mounts.readAll()).split('\n')) {
                const auto f = line.split(' ');
                if (f.size() > 1 && f[1].startsWith(m_dir + "/")) {
                    under << f[1];
                }
            }
            std::sort(under.begin(), under.end(), std::greater<>());
            for (const auto& m : under) {
                ::umount2(m.toLocal8Bit().constData(), MNT_DETACH);
            }
        }
        QDir(m_dir).removeRecursively();
    }
}

void TestHostChecksIntegration::findingsFollowEachDaemonsFlags_data()
{
    QTest::addColumn<bool>("flagged"); // the second daemon, else the fixture's
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("evidence"); // a part of it, when present
    QTest::newRow("the fixture daemon without --no-new-privileges fails 2.14")
        << false << "HST-023" << true << "no-new-privileges not set";
    QTest::newRow("the daemon started with --no-new-privileges passes 2.14")
        << true << "HST-023" << false << "";
    QTest::newRow("debug in the --config-file daemon.json fails 2.3 and names that file")
        << true << "HST-019" << true << "log-level = debug (from /tmp/dd-host-";
    QTest::newRow("the fixture daemon logs at info") << false << "HST-019" << false << "";
    QTest::newRow("the fixture daemon's --userland-proxy=false passes 2.16")
        << false << "HST-024" << false << "";
    QTest::newRow("a daemon without --userland-proxy=false fails 2.16")
        << true << "HST-024" << true << "Docker's default: true";
    QTest::newRow("--iptables=false on the command line fails 2.4")
        << false << "HST-020" << true << "iptables = false (from command line (--iptables))";
}

void TestHostChecksIntegration::findingsFollowEachDaemonsFlags()
{
    QFETCH(bool, flagged);
    QFETCH(QString, ruleId);
    QFETCH(bool, present);
    QFETCH(QString, evidence);
    const auto& found = flagged ? m_flagged : m_fixture;
    QCOMPARE(found.contains(ruleId), present);
    if (present) {
        QVERIFY2(found.value(ruleId).contains(evidence), qPrintable(found.value(ruleId)));
    }
}

void TestHostChecksIntegration::theSocketPicksItsOwnDaemon()
{
    const HostView view("/");
    const auto fixture = findDaemonProcess(view, privateDaemonSocket().toStdString());
    const auto second = findDaemonProcess(view, (m_dir + "/d.sock").toStdString());
    QVERIFY(fixture && second);
    QCOMPARE(qint64(second->pid), m_daemon.processId());
    QFile pidFile(QFileInfo(privateDaemonSocket()).path() + "/docker.pid");
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    QCOMPARE(fixture->pid, pidFile.readAll().trimmed().toInt());
    QVERIFY(listDaemonProcesses(view).size() >= 2); // several daemons, and each socket found its own
}

void TestHostChecksIntegration::theFixScriptIsWrittenNeverRun()
{
    const QString script = m_dir + "/fix.sh";
    scanHostFindings(m_dir + "/d.sock", {"--host-fix-script", script});
    QFile f(script);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.startsWith("#!/bin/sh\n"));
    QVERIFY(text.contains("\nset -eu\n"));
    QVERIFY2(text.contains("# HST-024 (CIS 1.6.0 2.16)"), qPrintable(text));
    QVERIFY(text.contains("set \"userland-proxy\": false in daemon.json"));
    QVERIFY(!QFileInfo(script).isExecutable()); // a person reviews and runs it
}

void TestHostChecksIntegration::noHostChecksReadsNothingOfTheHost()
{
    QString out;
    const int rc = test::drydock({"scan", "--host", "unix://" + m_dir + "/d.sock", "--no-history", "--format",
                                  "json", "--no-host-checks"},
                                 &out);
    QVERIFY(rc == 0 || rc == 1);
    const auto findings = QJsonDocument::fromJson(out.toUtf8()).object().value("findings").toArray();
    QVERIFY(!findings.isEmpty()); // the API's findings are still there
    for (const auto& f : findings) {
        QVERIFY(!f.toObject().value("ruleId").toString().startsWith("HST-"));
    }
}

void TestHostChecksIntegration::aPlantedHostRootIsReadInsteadOfTheMachines()
{
    // DRYDOCK_HOST_ROOT (read by app/ only) points the HostView at a tree: a dockerd serving the fixture's
    // socket in its /proc, a world-writable daemon.json, a user-owned docker.service and one audit watch.
    const QString root = m_dir + "/root";
    const auto plant = [&root](const QString& path, const QByteArray& text, int mode, int uid = 0) {
        QDir().mkpath(QFileInfo(root + path).path());
        QFile f(root + path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        QVERIFY(::chmod(QFile::encodeName(root + path).constData(), static_cast<mode_t>(mode)) == 0);
        QVERIFY(::chown(QFile::encodeName(root + path).constData(), static_cast<uid_t>(uid), 0) == 0);
    };
    plant("/proc/77/comm", "dockerd\n", 0444);
    QByteArray cmdline = "dockerd";
    for (const QByteArray& word :
         {QByteArray("--host"), "unix://" + QFile::encodeName(privateDaemonSocket())}) {
        cmdline += '\0' + word;
    }
    plant("/proc/77/cmdline", cmdline + '\0', 0444);
    plant("/proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", 0444);
    plant("/etc/docker/daemon.json", R"({"no-new-privileges": true})", 0666);
    plant("/lib/systemd/system/docker.service", "[Service]\n", 0644, 1000);
    plant("/etc/audit/rules.d/docker.rules", "-w /usr/bin/dockerd -k docker\n", 0640);
    plant("/usr/bin/dockerd", "", 0755);
    plant("/usr/bin/runc", "", 0755);
    QString out;
    QString err;
    const int rc = test::drydock(
        {"scan", "--host", "unix://" + privateDaemonSocket(), "--no-history", "--format", "json"}, &out, &err,
        {"DRYDOCK_HOST_ROOT=" + root});
    QVERIFY2(rc == 0 || rc == 1, qPrintable(err));
    QHash<QString, QString> found;
    for (const auto& f : QJsonDocument::fromJson(out.toUtf8()).object().value("findings").toArray()) {
        found.insert(f.toObject().value("ruleId").toString(), f.toObject().value("evidence").toString());
    }
    QVERIFY2(found.value("HST-042").contains("/etc/docker/daemon.json: owner 0:0 (uid 0, gid 0)"),
             qPrintable(found.value("HST-042")));
    QVERIFY(found.value("HST-042").contains(
        "mode 0666; at most 0644. Fix: chmod g-w,o-w /etc/docker/daemon.json"));
    QVERIFY(found.value("HST-025").contains("(uid 1000, gid 0)"));
    QVERIFY(found.value("HST-018").contains("Fix: -w /usr/bin/runc -k docker"));
    QVERIFY(!found.contains("HST-003")); // /usr/bin/dockerd is watched
    QVERIFY(!found.contains("HST-023")); // no-new-privileges from the planted daemon.json
    QVERIFY(found.contains("HST-001"));  // / is the only mount
}

bool TestHostChecksIntegration::startDaemon(QProcess& daemon, const QString& socket, const QString& name,
                                            const QStringList& extra)
{
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    daemon.setStandardOutputFile(m_dir + "/" + name + ".log");
    daemon.start("dockerd", QStringList{"--host", "unix://" + socket, "--exec-root", m_dir + "/" + name + "-exec",
                                        "--pidfile", m_dir + "/" + name + ".pid", "--bridge", "none",
                                        "--iptables=false", "--ip6tables=false", "--ip-masq=false"} +
                                extra);
    if (!daemon.waitForStarted(10000)) {
        return false;
    }
    for (int i = 0; i < 150; ++i) {
        QProcess v;
        v.start("docker", {"-H", "unix://" + socket, "version"});
        if (v.waitForFinished(10000) && v.exitCode() == 0) {
            return true;
        }
        QThread::msleep(200);
    }
    return false;
}

void TestHostChecksIntegration::stopDaemon(QProcess& daemon)
{
    if (daemon.state() != QProcess::NotRunning) {
        daemon.terminate();
        if (!daemon.waitForFinished(20000)) {
            daemon.kill();
            daemon.waitForFinished(5000);
        }
    }
}

void TestHostChecksIntegration::credentialsInDaemonSettingsReachNoOutput()
{
    // A planted host whose dockerd serves the fixture's socket with credentials on its command line and in a
    // world-writable daemon.json (so that file has a finding and a fix of its own): the findings, the scan
    // JSON, the messages and the fix script never show a password.
    const QString root = m_dir + "/secret-root";
    const auto plant = [&root](const QString& path, const QByteArray& text, int mode) {
        QDir().mkpath(QFileInfo(root + path).path());
        QFile f(root + path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        QVERIFY(::chmod(QFile::encodeName(root + path).constData(), static_cast<mode_t>(mode)) == 0);
    };
    plant("/proc/78/comm", "dockerd\n", 0444);
    QByteArray cmdline = "dockerd";
    for (const QByteArray& word :
         {QByteArray("--host"), "unix://" + QFile::encodeName(privateDaemonSocket()), QByteArray("--registry-mirror"),
          QByteArray("https://mirror-user:CmdMirr0rPassw0rd@mirror.example"), QByteArray("--insecure-registry"),
          QByteArray("http://reg-user:CmdInsecur3Passw0rd@reg.example:5000")}) {
        cmdline += '\0' + word;
    }
    plant("/proc/78/cmdline", cmdline + '\0', 0444);
    plant("/proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", 0444);
    plant("/etc/docker/daemon.json",
          R"({"registry-mirrors": ["https://json-user:JsonMirr0rPassw0rd@mirror.example"],
              "proxies": {"http-proxy": "http://p:JsonPr0xyPassw0rd@proxy:3128",
                          "https-proxy": "http://p:JsonPr0xyPassw0rd@proxy:3128"},
              "authorization-plugins": ["https://plugin:JsonPlug1nPassw0rd@authz.example/v1"],
              "insecure-registries": ["http://json-reg:JsonRegPassw0rd@reg2.example:5000"],
              "log-level": "debug"})",
          0666);
    const QString script = m_dir + "/secret-fix.sh";
    QString out;
    QString err;
    const int rc = test::drydock({"scan", "--host", "unix://" + privateDaemonSocket(), "--no-history", "--format",
                                  "json", "--host-fix-script", script},
                                 &out, &err, {"DRYDOCK_HOST_ROOT=" + root});
    QVERIFY2(rc == 0 || rc == 1, qPrintable(err));
    QFile f(script);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString fix = QString::fromUtf8(f.readAll());
    QVERIFY2(fix.contains("chmod g-w,o-w /etc/docker/daemon.json"), qPrintable(fix)); // the file was judged
    QVERIFY(out.contains("HST-042"));
    QVERIFY(out.contains("log-level = debug"));
    for (const char* secret : {"CmdMirr0rPassw0rd", "CmdInsecur3Passw0rd", "JsonMirr0rPassw0rd", "JsonPr0xyPassw0rd",
                               "JsonPlug1nPassw0rd", "JsonRegPassw0rd"}) {
        QVERIFY2(!out.contains(secret), secret);
        QVERIFY2(!err.contains(secret), secret);
        QVERIFY2(!fix.contains(secret), secret);
    }
}

void TestHostChecksIntegration::aDataRootOnItsOwnFileSystemPassesTheSeparatePartitionCheck()
{
    // CIS 1.1.1 (HST-001): a third private dockerd whose --data-root is an ext4 file system of its own (a
    // loop-mounted image file) passes; the second daemon, whose data root is a directory of /tmp, fails.
    if (!QFile::exists("/dev/loop-control") || QStandardPaths::findExecutable("mkfs.ext4").isEmpty()) {
        QSKIP("loop devices or mkfs.ext4 are not available on this machine");
    }
    const QString image = m_dir + "/data.ext4";
    const QString mountPoint = m_dir + "/loop-root";
    QProcess daemon;
    bool mounted = false;
    const auto cleanup = qScopeGuard([&] {
        stopDaemon(daemon);
        if (mounted) {
            ::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH); // the loop device goes with it
        }
        QFile::remove(image);
    });
    {
        QFile img(image);
        QVERIFY(img.open(QIODevice::WriteOnly));
        QVERIFY(img.resize(96 * 1024 * 1024));
    }
    QProcess mkfs;
    mkfs.start("mkfs.ext4", {"-q", "-F", image});
    QVERIFY(mkfs.waitForFinished(60000) && mkfs.exitCode() == 0);
    QVERIFY(QDir().mkpath(mountPoint));
    QProcess mount;
    mount.setProcessChannelMode(QProcess::MergedChannels);
    mount.start("mount", {"-o", "loop", image, mountPoint});
    if (!mount.waitForFinished(60000) || mount.exitCode() != 0) {
        QSKIP(qPrintable("loop devices are unavailable here (mount -o loop said: " +
                         QString::fromUtf8(mount.readAll()).trimmed() + ")"));
    }
    mounted = true;
    const QString socket = m_dir + "/l.sock";
    QVERIFY2(startDaemon(daemon, socket, "loop", {"--data-root", mountPoint}),
             "the loop-root dockerd did not come up; see loop.log");
    const auto onLoop = scanHostFindings(socket);
    QVERIFY(!onLoop.isEmpty()); // the host was read
    QVERIFY2(!onLoop.contains("HST-001"), qPrintable(onLoop.value("HST-001")));
    QVERIFY(m_flagged.contains("HST-001")); // the data root in /tmp is no mount of its own
}

QTEST_GUILESS_MAIN(TestHostChecksIntegration)
#include "TestHostChecksIntegration.moc"
