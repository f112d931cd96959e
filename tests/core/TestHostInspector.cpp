#include "core/common/Strings.h"
#include "core/host/DaemonProcess.h"
#include "core/host/DaemonSettings.h"
#include "core/host/HostInspector.h"
#include "core/host/HostView.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace drydock;

// Reading the daemon's host through a HostView on a planted root: process discovery, settings, files, groups,
// audit rules, and what cannot be read.
class TestHostInspector : public QObject
{
    Q_OBJECT

private slots:
    void socketPicksTheDaemon_data();
    void socketPicksTheDaemon();
    void flagsBecomeSettings_data();
    void flagsBecomeSettings();
    void errnoMapsToAStatus_data();
    void errnoMapsToAStatus();
    void plantedHostGivesItsFacts();
    void malformedDaemonJsonIsAProblemNotACrash();
    void noVisibleDaemonIsNotFound();
    void rootlessDaemonWithoutProcessLeavesSettingsUnchecked();
    void aDirectoryWithoutSearchPermissionNeedsRoot();
    void linksAndListingsStayBelowTheRoot();
    void dataRootPartition_data();
    void dataRootPartition();
    void credentialsInDaemonSettingsNeverReachTheFacts();
};

namespace {

// Writes text at root + path, creating the directories, with mode (and owner when uid is given).
void plant(const QString& root, const std::string& path, const std::string& text, mode_t mode = 0644,
           int uid = -1, int gid = -1)
{
    const std::string full = root.toStdString() + path;
    QDir().mkpath(QString::fromStdString(full.substr(0, full.rfind('/'))));
    std::ofstream(full, std::ios::binary) << text;
    ::chmod(full.c_str(), mode);
    if (uid >= 0 && ::chown(full.c_str(), static_cast<uid_t>(uid), static_cast<gid_t>(gid)) != 0) {
        QFAIL("chown failed (the test runs as root)");
    }
}

// A fake /proc/PID with comm and a NUL-separated cmdline from space-separated words.
void plantProcess(const QString& root, int pid, const std::string& words, const std::string& status = {})
{
    std::string cmdline;
    for (const auto& w : QString::fromStdString(words).split(' ', Qt::SkipEmptyParts)) {
        cmdline += w.toStdString() + '\0';
    }
    const std::string dir = "/proc/" + std::to_string(pid);
    const std::string argv0 = cmdline.substr(0, cmdline.find('\0'));
    plant(root, dir + "/comm", argv0.substr(argv0.rfind('/') + 1) + "\n");
    plant(root, dir + "/cmdline", cmdline);
    plant(root, dir + "/status", status.empty() ? "Name:\tx\nPPid:\t1\nUid:\t0\t0\t0\t0\n" : status);
}

const std::string* valueOf(const HostFacts& f, const std::string& key)
{
    const HostSetting* s = f.setting(key);
    return s ? &s->value : nullptr;
}

} // namespace

void TestHostInspector::socketPicksTheDaemon_data()
{
    QTest::addColumn<QStringList>("daemons"); // argv per pid 100, 200, 300 …
    QTest::addColumn<QString>("socket");
    QTest::addColumn<int>("pid"); // 0: none
    const QStringList several{"dockerd -H unix:///tmp/a.sock",
                              "/usr/bin/dockerd --host=unix:///var/run/docker.sock",
                              "dockerd --host unix:///tmp/b.sock --host tcp://127.0.0.1:2375"};
    QTest::newRow("the daemon whose --host names the socket, not the newest")
        << several << "/var/run/docker.sock" << 200;
    QTest::newRow("/run/docker.sock is the same socket as /var/run/docker.sock")
        << several << "/run/docker.sock" << 200;
    QTest::newRow("-H with a separate word matches") << several << "/tmp/a.sock" << 100;
    QTest::newRow("one of several --host values matches") << several << "/tmp/b.sock" << 300;
    QTest::newRow("a socket no visible dockerd serves matches none") << several << "/tmp/c.sock" << 0;
    QTest::newRow("a dockerd without -H serves the default socket")
        << QStringList{"dockerd -H unix:///tmp/a.sock", "dockerd --iptables=false"} << "/var/run/docker.sock"
        << 200;
    QTest::newRow("-H fd:// is systemd's /run/docker.sock")
        << QStringList{"/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"}
        << "/var/run/docker.sock" << 100;
    QTest::newRow("a process that is not dockerd never matches")
        << QStringList{"containerd --address /run/containerd/containerd.sock"} << "/var/run/docker.sock" << 0;
}

void TestHostInspector::socketPicksTheDaemon()
{
    QFETCH(QStringList, daemons);
    QFETCH(QString, socket);
    QFETCH(int, pid);
    QTemporaryDir root;
    for (int i = 0; i < daemons.size(); ++i) {
        plantProcess(root.path(), 100 * (i + 1), daemons[i].toStdString());
    }
    plant(root.path(), "/proc/self/mountinfo", "");
    const HostView view(root.path().toStdString());
    const auto found = findDaemonProcess(view, socket.toStdString());
    QCOMPARE(found ? found->pid : 0, pid);
}

void TestHostInspector::flagsBecomeSettings_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("source");
    QTest::newRow("--iptables=false is iptables false") << "--iptables=false"
                                                        << "iptables"
                                                        << "false"
                                                        << "command line (--iptables)";
    QTest::newRow("a bare boolean flag is true") << "--no-new-privileges"
                                                 << "no-new-privileges"
                                                 << "true"
                                                 << "command line (--no-new-privileges)";
    QTest::newRow("-l with a separate word is the log level") << "-l debug"
                                                              << "log-level"
                                                              << "debug"
                                                              << "command line (-l)";
    QTest::newRow("repeated --default-ulimit flags are all kept")
        << "--default-ulimit nofile=1024:2048 --default-ulimit nproc=512:1024"
        << "default-ulimits"
        << "nofile=1024:2048, nproc=512:1024"
        << "command line (--default-ulimit)";
    QTest::newRow("--tlskey=PATH gives the key's path") << "--tlskey=/etc/docker/key.pem"
                                                        << "tlskey"
                                                        << "/etc/docker/key.pem"
                                                        << "command line (--tlskey)";
    QTest::newRow("the legacy -g is the data root") << "-g /srv/docker"
                                                    << "data-root"
                                                    << "/srv/docker"
                                                    << "command line (-g)";
}

void TestHostInspector::flagsBecomeSettings()
{
    QFETCH(QString, args);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, source);
    std::vector<std::string> argv{"dockerd"};
    for (const auto& w : args.split(' ')) {
        argv.push_back(w.toStdString());
    }
    const auto settings = settingsFromArgs(argv, nullptr);
    const auto it = settings.find(key.toStdString());
    QVERIFY(it != settings.end());
    QCOMPARE(QString::fromStdString(it->second.value), value);
    QCOMPARE(QString::fromStdString(it->second.source), source);
}

void TestHostInspector::errnoMapsToAStatus_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("problem");
    QTest::newRow("EACCES needs root")
        << EACCES << int(HostReadStatus::Unreadable) << "needs root: /etc/audit/audit.rules is not readable";
    QTest::newRow("EPERM needs root")
        << EPERM << int(HostReadStatus::Unreadable) << "needs root: /etc/audit/audit.rules is not readable";
    QTest::newRow("ENOENT is absent")
        << ENOENT << int(HostReadStatus::Absent) << "/etc/audit/audit.rules does not exist";
    QTest::newRow("ENOTDIR is absent")
        << ENOTDIR << int(HostReadStatus::Absent) << "/etc/audit/audit.rules does not exist";
    QTest::newRow("EIO is unreadable with its reason")
        << EIO << int(HostReadStatus::Unreadable) << "/etc/audit/audit.rules: Input/output error";
}

void TestHostInspector::errnoMapsToAStatus()
{
    QFETCH(int, error);
    QFETCH(int, status);
    QFETCH(QString, problem);
    QCOMPARE(int(HostView::statusOf(error)), status);
    QCOMPARE(QString::fromStdString(HostView::problemOf(error, "/etc/audit/audit.rules")), problem);
}

void TestHostInspector::plantedHostGivesItsFacts()
{
    QTemporaryDir tmp;
    const QString root = tmp.path();
    plantProcess(root, 150, "dockerd -H unix:///tmp/other.sock");
    plantProcess(root, 250,
                 "/usr/bin/dockerd --host=unix:///var/run/docker.sock --config-file /etc/docker/custom.json "
                 "--userland-proxy=false");
    plant(root, "/etc/docker/custom.json",
          R"({"log-level": "debug", "no-new-privileges": true, "tlskey": "/etc/docker/key.pem",
              "default-ulimits": {"nofile": {"Name": "nofile", "Soft": 1024, "Hard": 2048}},
              "userland-proxy": true, "registry-token": "hunter2-secret"})",
          0664, 1000, 0);
    plant(root, "/etc/docker/key.pem", "key", 0440);
    plant(root, "/proc/self/mountinfo",
          "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n30 22 8:2 / /var/lib/docker rw - ext4 /dev/sda2 rw\n");
    plant(root, "/etc/group", "root:x:0:\ndocker:x:999:alice\n");
    plant(root, "/etc/passwd",
          "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:999::/home/bob:/bin/"
          "sh\n");
    plant(root, "/etc/audit/rules.d/docker.rules",
          "# comment -w /usr/bin/runc\n-w /usr/bin/dockerd -k docker\n-a always,exit -F path=/etc/docker -F "
          "perm=wa\n");
    plant(root, "/usr/bin/dockerd", "", 0755);
    plant(root, "/usr/bin/runc", "", 0755);
    plant(root, "/lib/systemd/system/docker.service", "[Service]\n", 0664, 1000, 0);
    plant(root, "/var/run/docker.sock", "", 0666);
    plant(root, "/etc/docker/certs.d/registry:5000/ca.crt", "cert", 0644);
    const HostView view(root.toStdString());
    DaemonInfo info;
    info.dockerRootDir = "/var/lib/docker";
    const auto facts = HostInspector(view).inspect("/var/run/docker.sock", info);
    QVERIFY2(facts, facts ? "" : facts.error().message.c_str());
    const HostFacts& f = facts.value();

    QCOMPARE(f.daemonPid, 250);
    QCOMPARE(f.configFile, std::string("/etc/docker/custom.json"));
    QCOMPARE(*valueOf(f, "log-level"), std::string("debug"));
    QCOMPARE(f.setting("log-level")->source, std::string("/etc/docker/custom.json"));
    QCOMPARE(*valueOf(f, "userland-proxy"), std::string("false")); // the command line wins
    QCOMPARE(f.setting("userland-proxy")->source, std::string("command line (--userland-proxy)"));
    QCOMPARE(*valueOf(f, "default-ulimits"), std::string("nofile=1024:2048"));
    QVERIFY(f.setting("registry-token") == nullptr);
    for (const auto& [key, s] : f.settings) {
        QVERIFY2(s.value.find("hunter2") == std::string::npos, key.c_str());
    }
    QVERIFY(f.dataRootOwnMount.value_or(false));
    QCOMPARE(*f.dockerGroupMembers, (std::vector<std::string>{"alice", "bob (primary group)"}));
    QVERIFY(f.auditRulesRead);
    std::map<std::string, bool> watched;
    for (const auto& t : f.auditTargets) {
        watched[t.path] = t.watched;
    }
    QVERIFY(watched.at("/usr/bin/dockerd"));
    QVERIFY(watched.at("/etc/docker"));                 // through -F path=
    QVERIFY(!watched.at("/usr/bin/runc"));              // only in a comment
    QVERIFY(watched.count("/usr/bin/containerd") == 0); // absent on this host: nothing to watch
    std::map<std::string, HostFile> files;
    for (const auto& file : f.files) {
        files[file.kind + " " + file.path] = file;
    }
    QCOMPARE(files.at("docker.service /lib/systemd/system/docker.service").owner, std::string("alice"));
    QCOMPARE(files.at("docker.service /lib/systemd/system/docker.service").mode, 0664u);
    QCOMPARE(files.at("Docker socket /var/run/docker.sock").mode, 0666u);
    QCOMPARE(files.at("daemon.json /etc/docker/custom.json").uid, 1000u);
    QCOMPARE(files.at("server key /etc/docker/key.pem").mode, 0440u);
    QCOMPARE(files.count("registry certificate /etc/docker/certs.d/registry:5000/ca.crt"), std::size_t(1));
    QVERIFY(f.notChecked.empty());
}

void TestHostInspector::malformedDaemonJsonIsAProblemNotACrash()
{
    QTemporaryDir tmp;
    plantProcess(tmp.path(), 10, "dockerd");
    plant(tmp.path(), "/etc/docker/daemon.json", R"({"log-level": "debug", "token": "hunter2-secret",)");
    const HostView view(tmp.path().toStdString());
    const auto facts = HostInspector(view).inspect("/run/docker.sock", DaemonInfo{});
    QVERIFY(facts);
    QCOMPARE(int(facts->problems.size()), 1);
    QVERIFY2(facts->problems[0].find("/etc/docker/daemon.json is not valid JSON") == 0,
             facts->problems[0].c_str());
    QVERIFY(facts->problems[0].find("hunter2") == std::string::npos);
    QVERIFY(facts->setting("log-level") == nullptr);
    for (const auto& id : HostInspector::settingItems()) {
        QCOMPARE(facts->notChecked.at(id), facts->problems[0]);
    }
}

void TestHostInspector::noVisibleDaemonIsNotFound()
{
    QTemporaryDir tmp;
    plantProcess(tmp.path(), 10, "dockerd -H unix:///tmp/elsewhere.sock");
    const HostView view(tmp.path().toStdString());
    const auto facts = HostInspector(view).inspect("/run/docker.sock", DaemonInfo{});
    QVERIFY(!facts);
    QCOMPARE(facts.error().code, ErrorCode::NotFound);
    QVERIFY(facts.error().message.find("Drydock on the daemon's host") != std::string::npos);
}

void TestHostInspector::rootlessDaemonWithoutProcessLeavesSettingsUnchecked()
{
    QTemporaryDir tmp;
    plant(tmp.path(), "/proc/self/mountinfo", "");
    const HostView view(tmp.path().toStdString());
    DaemonInfo info;
    info.securityOptions = {"name=seccomp,profile=default", "name=rootless"};
    const auto facts = HostInspector(view).inspect("/run/user/1000/docker.sock", info);
    QVERIFY(facts);
    QVERIFY(facts->rootless);
    QCOMPARE(facts->daemonPid, 0);
    QVERIFY(facts->notChecked.at("2.14").find("needs the daemon's process") == 0);
}

void TestHostInspector::aDirectoryWithoutSearchPermissionNeedsRoot()
{
    if (::geteuid() != 0) {
        QSKIP("needs root to switch to another uid in a child (the CTest machine runs as root)");
    }
    QTemporaryDir tmp;
    ::chmod(tmp.path().toLocal8Bit().constData(), 0755);
    plant(tmp.path(), "/etc/audit/audit.rules", "-w /usr/bin/dockerd -k docker\n", 0640);
    ::chmod((tmp.path() + "/etc/audit").toLocal8Bit().constData(), 0700);
    plantProcess(tmp.path(), 10, "dockerd");
    ::chmod((tmp.path() + "/proc").toLocal8Bit().constData(), 0755);
    const pid_t child = ::fork();
    if (child == 0) {
        if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0) {
            ::_exit(10);
        }
        const HostView view(tmp.path().toStdString());
        const HostText t = view.readFile("/etc/audit/audit.rules");
        const bool ok = t.status == HostReadStatus::Unreadable &&
                        t.problem == "needs root: /etc/audit/audit.rules is not readable" && t.text.empty();
        if (!ok) {
            ::_exit(11);
        }
        // The inspector turns it into "not checked" for every audit item, never into a pass or a finding.
        const auto facts = HostInspector(view).inspect("/run/docker.sock", DaemonInfo{});
        const bool audit = facts && !facts->auditRulesRead && facts->auditTargets.empty() &&
                           facts->notChecked.count("1.1.3") == 1 && facts->notChecked.count("1.1.18") == 1 &&
                           facts->notChecked.at("1.1.3").rfind("needs root: /etc/audit", 0) == 0;
        ::_exit(audit ? 0 : 12);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
}

void TestHostInspector::linksAndListingsStayBelowTheRoot()
{
    QTemporaryDir tmp;
    plant(tmp.path(), "/etc/docker/certs.d/b/ca.crt", "x");
    plant(tmp.path(), "/etc/docker/certs.d/a/ca.crt", "x");
    QVERIFY(::symlink("/run", (tmp.path() + "/var-run").toLocal8Bit().constData()) == 0);
    const HostView view(tmp.path().toStdString() + "/");
    QCOMPARE(view.list("/etc/docker/certs.d").names, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(view.readLink("/var-run").text, std::string("/run"));
    QCOMPARE(int(view.readLink("/etc/docker/certs.d").status), int(HostReadStatus::Absent)); // not a link
    QCOMPARE(int(view.list("/nowhere").status), int(HostReadStatus::Absent));
    QCOMPARE(int(view.stat("/etc/docker").status), int(HostReadStatus::Ok));
    QVERIFY(view.stat("/etc/docker").directory);
}

void TestHostInspector::dataRootPartition_data()
{
    QTest::addColumn<QString>("mountinfo");
    QTest::addColumn<bool>("own");
    QTest::addColumn<QString>("dataRoot");
    const QString root = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n";
    QTest::newRow("a file system of its own at the data root is a separate partition")
        << root + "30 22 8:2 / /var/lib/docker rw - ext4 /dev/sda2 rw\n"
        << true << "/var/lib/docker";
    QTest::newRow("dockerd's bind mount of the data root onto itself is not")
        << root + "30 22 8:1 /var/lib/docker /var/lib/docker rw shared:1 - ext4 /dev/sda1 rw\n"
        << false << "/var/lib/docker";
    QTest::newRow("a partition at /var/lib does not count for /var/lib/docker")
        << root + "30 22 8:2 / /var/lib rw - ext4 /dev/sda2 rw\n"
        << false << "/var/lib/docker";
    QTest::newRow("an escaped mount point is read back")
        << root + "30 22 8:2 / /srv/my\\040docker rw - ext4 x rw\n"
        << true << "/srv/my docker";
}

void TestHostInspector::dataRootPartition()
{
    QFETCH(QString, mountinfo);
    QFETCH(bool, own);
    QFETCH(QString, dataRoot);
    QTemporaryDir tmp;
    plantProcess(tmp.path(), 10, "dockerd");
    plant(tmp.path(), "/proc/self/mountinfo", mountinfo.toStdString());
    const HostView view(tmp.path().toStdString());
    DaemonInfo info;
    info.dockerRootDir = dataRoot.toStdString();
    const auto facts = HostInspector(view).inspect("/run/docker.sock", info);
    QVERIFY(facts);
    QCOMPARE(facts->dataRoot, dataRoot.toStdString());
    QCOMPARE(facts->dataRootOwnMount, std::optional<bool>(own));
}

void TestHostInspector::credentialsInDaemonSettingsNeverReachTheFacts()
{
    // Keys the checks do not need (registry-mirrors, proxies) are never copied; a kept value that is a URL
    // with user:password (an insecure registry, a plugin) keeps everything but the password.
    QTemporaryDir tmp;
    const QString root = tmp.path();
    plantProcess(root, 250,
                 "/usr/bin/dockerd --registry-mirror https://mirror-user:Mirr0rPassw0rd@mirror.example "
                 "--insecure-registry http://reg-user:Insecur3Passw0rd@reg.example:5000 "
                 "--http-proxy http://proxy-user:Pr0xyPassw0rd@proxy:3128");
    plant(root, "/etc/docker/daemon.json",
          R"({"registry-mirrors": ["https://json-user:JsonMirr0rPass@mirror.example"],
              "proxies": {"http-proxy": "http://p:JsonPr0xyPass@proxy:3128", "no-proxy": "localhost"},
              "authorization-plugins": ["https://plugin-user:Plug1nPassw0rd@authz.example/v1"],
              "insecure-registries": ["http://json-reg:JsonRegPassw0rd@reg2.example:5000"],
              "log-level": "info"})",
          0666);
    const HostView view(root.toStdString());
    const auto facts = HostInspector(view).inspect("/var/run/docker.sock", DaemonInfo{});
    QVERIFY(facts);
    const HostFacts& f = facts.value();
    std::string all = f.configFile + f.dataRoot;
    for (const auto& [key, s] : f.settings) {
        all += key + "=" + s.value + " " + s.source + "\n";
    }
    for (const auto& p : f.problems) {
        all += p;
    }
    for (const auto& [id, why] : f.notChecked) {
        all += why;
    }
    for (const char* secret : {"Mirr0rPassw0rd", "Insecur3Passw0rd", "Pr0xyPassw0rd", "JsonMirr0rPass",
                               "JsonPr0xyPass", "Plug1nPassw0rd", "JsonRegPassw0rd"}) {
        QVERIFY2(all.find(secret) == std::string::npos, secret);
    }
    QVERIFY(f.setting("registry-mirrors") == nullptr);
    QVERIFY(f.setting("proxies") == nullptr);
    // What is kept still names the registry and the user, so the finding says which one.
    QVERIFY2(contains(f.setting("insecure-registries")->value, "reg-user:") &&
                 contains(f.setting("insecure-registries")->value, "@reg.example:5000"),
             f.setting("insecure-registries")->value.c_str());
    QVERIFY(contains(f.setting("authorization-plugins")->value, "@authz.example/v1"));
}

QTEST_APPLESS_MAIN(TestHostInspector)
#include "TestHostInspector.moc"
