#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace drydock;

namespace {

std::string str(const StringList& list)
{
    return "[" + join(list, ", ") + "]";
}

std::string str(const std::vector<PortMapping>& ports)
{
    StringList out;
    for (const auto& p : ports) {
        for (const auto& b : p.bindings) {
            out.push_back(p.containerPort + "=" + b.hostIp + ":" + b.hostPort);
        }
    }
    std::sort(out.begin(), out.end());
    return str(out);
}

std::string str(const StringMap& map)
{
    StringList out;
    for (const auto& [k, v] : map) {
        out.push_back(k + "=" + v);
    }
    return str(out);
}

std::string str(const std::vector<Ulimit>& limits)
{
    StringList out;
    for (const auto& u : limits) {
        out.push_back(u.name + "=" + std::to_string(u.soft) + ":" + std::to_string(u.hard));
    }
    return str(out);
}

std::string str(const std::vector<MountSpec>& mounts)
{
    StringList out;
    for (const auto& m : mounts) {
        out.push_back(m.type + "," + m.source + "," + m.target + "," + (m.readOnly ? "ro" : "rw") + "," +
                      m.bindPropagation);
    }
    return str(out);
}

std::string str(const std::vector<DeviceMapping>& devices)
{
    StringList out;
    for (const auto& d : devices) {
        out.push_back(d.pathOnHost + ":" + d.pathInContainer + ":" + d.cgroupPermissions);
    }
    return str(out);
}

std::string str(const std::optional<Healthcheck>& h)
{
    if (!h) {
        return "none";
    }
    return str(h->test) + " " + std::to_string(h->intervalNs) + " " + std::to_string(h->timeoutNs) + " " +
           std::to_string(h->startPeriodNs) + " " + std::to_string(h->retries);
}

template <typename T> std::string str(const std::optional<T>& v)
{
    return v ? std::to_string(*v) : std::string("null");
}

std::string sorted(StringList list)
{
    std::sort(list.begin(), list.end());
    return str(list);
}

// Networks by name, with the aliases a person gave (the daemon adds the id and hostname itself).
std::string networks(const Container& c)
{
    StringList out;
    for (const auto& n : c.networks) {
        StringList aliases;
        for (const auto& a : n.aliases) {
            // The daemon's own alias is the 12-character short id; a person's alias that merely looks like the
            // start of an id ("be" once in 256 ids) is kept.
            if (a != c.config.hostname && a != c.id.substr(0, 12)) {
                aliases.push_back(a);
            }
        }
        std::sort(aliases.begin(), aliases.end());
        out.push_back(n.networkName + str(aliases));
    }
    std::sort(out.begin(), out.end());
    return str(out);
}

// Every field the command line controls, as "field: value" lines; the two containers must agree on all.
StringList describe(const Container& c)
{
    const HostConfig& h = c.hostConfig;
    const ContainerConfig& k = c.config;
    return {
        "Binds: " + str(h.binds),
        "NetworkMode: " + h.networkMode,
        "PortBindings: " + str(h.portBindings),
        "PublishAllPorts: " + std::to_string(h.publishAllPorts),
        "RestartPolicy: " + h.restartPolicy.name + ":" + std::to_string(h.restartPolicy.maximumRetryCount),
        "AutoRemove: " + std::to_string(h.autoRemove),
        "VolumesFrom: " + str(h.volumesFrom),
        "CapAdd: " + str(h.capAdd),
        "CapDrop: " + str(h.capDrop),
        "Dns: " + str(h.dns) + str(h.dnsOptions) + str(h.dnsSearch),
        "ExtraHosts: " + str(h.extraHosts),
        "GroupAdd: " + str(h.groupAdd),
        "Namespaces: pid=" + h.pidMode + " ipc=" + h.ipcMode + " uts=" + h.utsMode +
            " userns=" + h.usernsMode + " cgroupns=" + h.cgroupnsMode,
        "OomScoreAdj: " + std::to_string(h.oomScoreAdj) + " OomKillDisable: " + str(h.oomKillDisable),
        "Privileged: " + std::to_string(h.privileged) +
            " ReadonlyRootfs: " + std::to_string(h.readonlyRootfs),
        "SecurityOpt: " + str(h.securityOpt),
        "MaskedPaths: " + (h.maskedPaths ? str(*h.maskedPaths) : "null"),
        "Tmpfs: " + str(h.tmpfs),
        "ShmSize: " + std::to_string(h.shmSize),
        "Sysctls: " + str(h.sysctls),
        "Runtime: " + h.runtime,
        "Memory: " + std::to_string(h.memory) + " swap " + std::to_string(h.memorySwap) + " reservation " +
            std::to_string(h.memoryReservation),
        "Cpu: nano " + std::to_string(h.nanoCpus) + " shares " + std::to_string(h.cpuShares) + " quota " +
            std::to_string(h.cpuQuota) + " period " + std::to_string(h.cpuPeriod) + " set " + h.cpusetCpus,
        "PidsLimit: " + str(h.pidsLimit),
        "Ulimits: " + str(h.ulimits),
        "Devices: " + str(h.devices) + str(h.deviceCgroupRules),
        "LogConfig: " + h.logConfig.type + str(h.logConfig.config),
        "Mounts: " + str(h.mounts),
        "Init: " + (h.init ? std::to_string(*h.init) : "null"),
        "Links: " + str(h.links),
        "Hostname: " + (k.hostname == c.shortId() ? "<default>" : k.hostname),
        "User: " + k.user,
        "Env: " + sorted(k.env),
        "Cmd: " + str(k.cmd),
        "Entrypoint: " + (k.entrypoint ? str(*k.entrypoint) : "null"),
        "Image: " + k.image,
        "WorkingDir: " + k.workingDir,
        "Labels: " + str(k.labels),
        "ExposedPorts: " + sorted(k.exposedPorts),
        "Volumes: " + sorted(k.volumes),
        "Healthcheck: " + str(k.healthcheck),
        "StopSignal: " + k.stopSignal + " StopTimeout: " + str(k.stopTimeout),
        "Tty: " + std::to_string(k.tty) + " OpenStdin: " + std::to_string(k.openStdin),
        "Networks: " + networks(c),
    };
}

// The rendered command as `docker create` under another name: create takes every run option but --detach.
std::string asCreate(RunCommand command, const std::string& oldName, const std::string& newName)
{
    command.options.erase(std::remove_if(command.options.begin(), command.options.end(),
                                         [](const RunArg& a) { return a.flag == "--detach"; }),
                          command.options.end());
    for (auto& o : command.options) {
        if (o.flag == "--name") {
            o.value = newName;
        }
    }
    for (auto& f : command.followUps) {
        if (f.container == oldName) {
            f.container = newName;
        }
    }
    std::string text = command.render();
    const std::size_t at = text.find("docker run");
    return text.replace(at, std::string("docker run").size(), "docker create");
}

// Docker does not keep the order of --env options: Docker 20.10 stored the same `docker create` line
// as [FOO, QUOTED] in one run and [QUOTED, FOO] in another (about one run in six). Order only matters for a
// repeated name, which Docker itself collapses, so the fixed-point check compares the --env options sorted.
RunCommand envInKeyOrder(RunCommand command)
{
    StringList env = command.values("--env");
    std::sort(env.begin(), env.end());
    auto next = env.begin();
    for (auto& o : command.options) {
        if (o.flag == "--env") {
            o.value = *next++;
        }
    }
    return command;
}

// Runs shell text the way a person pasting the command would, against the private daemon only.
int runShell(const std::string& script, const QString& workDir, QString* err)
{
    QProcess sh;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + test::privateDaemonSocket());
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin:") + env.value(QStringLiteral("PATH")));
    sh.setProcessEnvironment(env);
    sh.setWorkingDirectory(workDir);
    sh.start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-e"), QStringLiteral("-c"), QString::fromStdString(script)});
    if (!sh.waitForFinished(120000)) {
        sh.kill();
        sh.waitForFinished();
        return -1;
    }
    *err = QString::fromUtf8(sh.readAllStandardError());
    return sh.exitCode();
}

} // namespace

// Rebuilt commands recreate the container they came from, on a real daemon (the private test dockerd).
class TestRunCommandRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void recreatesTheSameContainer_data();
    void recreatesTheSameContainer();
    void hardenedCommandIsAccepted();

private:
    Container inspect(const std::string& name);
    QString create(const QStringList& options, const QStringList& command = {});

    std::unique_ptr<DockerClient> m_client;
    QStringList m_containers;
    QStringList m_networks;
    QTemporaryDir m_workDir;
};

void TestRunCommandRoundTrip::initTestCase()
{
    m_client = test::connectPrivateDaemon();
    QVERIFY2(m_client,
             "no connection to the private dockerd (see the warning above); run through ctest, which "
             "starts it (fixture dockerd_start)");
    QVERIFY(m_workDir.isValid());
    for (const char* net : {"front", "back"}) {
        const QString name = test::uniqueName(QString::fromLatin1(net));
        QCOMPARE(test::docker({QStringLiteral("network"), QStringLiteral("create"), name}), 0);
        m_networks << name;
    }
}

void TestRunCommandRoundTrip::cleanup()
{
    for (const QString& c : std::as_const(m_containers)) {
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-v"), c});
    }
    m_containers.clear();
}

void TestRunCommandRoundTrip::cleanupTestCase()
{
    for (const QString& n : std::as_const(m_networks)) {
        test::docker({QStringLiteral("network"), QStringLiteral("rm"), n});
    }
}

Container TestRunCommandRoundTrip::inspect(const std::string& name)
{
    auto c = m_client->inspectContainer(name);
    if (!c.ok()) {
        qWarning("inspect %s: %s", name.c_str(), c.error().message.c_str());
        return {};
    }
    return c.value();
}

QString TestRunCommandRoundTrip::create(const QStringList& options, const QStringList& command)
{
    const QString name = test::uniqueName(QStringLiteral("rt"));
    QString err;
    const int rc = test::docker(QStringList{QStringLiteral("create"), QStringLiteral("--name"), name} +
                                    options + QStringList{QStringLiteral("drydock-test/busybox:1")} + command,
                                nullptr, &err);
    if (rc != 0) {
        qWarning("docker create failed: %s", qPrintable(err));
        return {};
    }
    m_containers << name;
    return name;
}

void TestRunCommandRoundTrip::recreatesTheSameContainer_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<bool>("connectBack");
    const QString front = QStringLiteral("front");
    QTest::newRow("a service with identity, limits, mounts, logging and a health check")
        << QStringList{"--hostname",
                       "h1",
                       "--user",
                       "1000:1000",
                       "--workdir",
                       "/tmp",
                       "--env",
                       "FOO=bar",
                       "--env",
                       "QUOTED=it's $x `y`",
                       "--label",
                       "a=b c",
                       "--restart",
                       "on-failure:3",
                       "--read-only",
                       "--cap-add",
                       "net_admin",
                       "--cap-drop",
                       "MKNOD",
                       "--security-opt",
                       "no-new-privileges:true",
                       "--publish",
                       "127.0.0.1:18080:80",
                       "--publish",
                       "5353:53/udp",
                       "--publish",
                       "9000",
                       "--expose",
                       "7000",
                       "--volume",
                       "/etc/hostname:/host-hostname:ro",
                       "--volume",
                       "/anon",
                       "--mount",
                       "type=tmpfs,dst=/scratch,tmpfs-size=1048576",
                       "--tmpfs",
                       "/run:rw,size=16m",
                       "--memory",
                       "64m",
                       "--memory-reservation",
                       "32m",
                       "--cpus",
                       "0.5",
                       "--cpu-shares",
                       "512",
                       "--pids-limit",
                       "100",
                       "--ulimit",
                       "nofile=1024:2048",
                       "--oom-score-adj",
                       "100",
                       "--shm-size",
                       "128m",
                       "--log-opt",
                       "max-size=1m",
                       "--log-opt",
                       "max-file=2",
                       "--dns",
                       "192.0.2.53",
                       "--dns-option",
                       "ndots:2",
                       "--dns-search",
                       "example.internal",
                       "--add-host",
                       "x:192.0.2.2",
                       "--group-add",
                       "10",
                       "--sysctl",
                       "net.core.somaxconn=1024",
                       "--init",
                       "--stop-signal",
                       "SIGINT",
                       "--stop-timeout",
                       "20",
                       "--health-cmd",
                       "echo ok",
                       "--health-interval",
                       "30s",
                       "--health-retries",
                       "2",
                       "--tty",
                       "--interactive"}
        << QStringList{"sleep", "3600"} << false;
    QTest::newRow("a container on a user network with aliases and a second network")
        << QStringList{"--network", front, "--network-alias", "api", "--entrypoint", "/bin/sh"}
        << QStringList{"-c", "sleep 3600"} << true;
    QTest::newRow("a container with shared namespaces, no health check and swap unlimited")
        << QStringList{"--pid",
                       "host",
                       "--ipc",
                       "shareable",
                       "--uts",
                       "host",
                       "--no-healthcheck",
                       "--memory",
                       "32m",
                       "--memory-swap",
                       "-1",
                       "--cpu-quota",
                       "50000",
                       "--cpu-period",
                       "100000",
                       "--restart",
                       "always",
                       "--security-opt",
                       "seccomp=unconfined",
                       "--security-opt",
                       "systempaths=unconfined",
                       "--device",
                       "/dev/null:/dev/mynull:r",
                       "--oom-kill-disable"}
        << QStringList{"sleep", "3600"} << false;
}

void TestRunCommandRoundTrip::recreatesTheSameContainer()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, command);
    QFETCH(bool, connectBack);
    // Rows name the test networks by role; the real names carry a random suffix.
    for (QString& o : options) {
        if (o == QLatin1String("front")) {
            o = m_networks.at(0);
        }
    }
    const QString name = create(options, command);
    QVERIFY(!name.isEmpty());
    if (connectBack) {
        QCOMPARE(test::docker({QStringLiteral("network"), QStringLiteral("connect"),
                               QStringLiteral("--alias"), QStringLiteral("be"), m_networks.at(1), name}),
                 0);
    }
    const Container original = inspect(name.toStdString());
    QCOMPARE(QString::fromStdString(original.name), name);
    const auto image = m_client->inspectImage(original.config.image);
    QVERIFY2(image.ok(), image.ok() ? "" : image.error().message.c_str());

    const RunCommand cmd = RunCommandBuilder().build(original, &image.value());
    QCOMPARE(cmd.followUps.size(), std::size_t(connectBack ? 1 : 0));
    const QString copyName = name + QStringLiteral("-copy");
    m_containers << copyName;
    QString err;
    const std::string script = asCreate(cmd, name.toStdString(), copyName.toStdString());
    QVERIFY2(runShell(script, m_workDir.path(), &err) == 0,
             qPrintable(QString::fromStdString(script) + "\n" + err));

    const Container copy = inspect(copyName.toStdString());
    const StringList want = describe(original);
    const StringList got = describe(copy);
    QStringList differences;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] != got[i]) {
            differences << QString::fromStdString(want[i] + "  !=  " + got[i]);
        }
    }
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));

    // A fixed point: the copy rebuilds to the same command.
    RunCommand again = RunCommandBuilder().build(copy, &image.value());
    for (auto& o : again.options) {
        if (o.flag == "--name") {
            o.value = name.toStdString();
        }
    }
    QCOMPARE(QString::fromStdString(join(envInKeyOrder(again).argv(), " ")),
             QString::fromStdString(join(envInKeyOrder(cmd).argv(), " ")));
}

void TestRunCommandRoundTrip::hardenedCommandIsAccepted()
{
    const QString name = create({"--privileged", "--cap-add", "SYS_ADMIN", "--publish", "18081:80", "--env",
                                 "DB_PASSWORD=hunter2hunter2", "--volume", "/etc:/host-etc"},
                                {"sleep", "3600"});
    QVERIFY(!name.isEmpty());
    const Container original = inspect(name.toStdString());
    const auto image = m_client->inspectImage(original.config.image);
    QVERIFY(image.ok());
    using O = RunEdit::Op;
    const std::vector<RunEdit> edits{{O::RemoveFlag, "--privileged", ""},
                                     {O::RemoveValue, "--cap-add", "CAP_SYS_ADMIN"},
                                     {O::AddFlag, "--cap-drop", "ALL"},
                                     {O::AddFlag, "--read-only", ""},
                                     {O::AddFlag, "--security-opt", "no-new-privileges:true"},
                                     {O::AddFlag, "--memory", "64m"},
                                     {O::AddFlag, "--memory-swap", "64m"},
                                     {O::AddFlag, "--pids-limit", "256"},
                                     {O::AddFlag, "--user", "10001:10001"},
                                     {O::ReadOnlyMount, "", "/host-etc"},
                                     {O::BindPortToLoopback, "", "80/tcp"},
                                     {O::ReplaceEnvSecret, "", "DB_PASSWORD"},
                                     {O::AddFlag, "--restart", "on-failure:5"}};
    const RunCommand hardened =
        RunCommandHardener().apply(RunCommandBuilder().build(original, &image.value()), edits);
    const std::string text = hardened.render();
    QVERIFY2(!contains(text, "hunter2hunter2"), text.c_str());

    // The secret file itself is the person's job (a note says where); `docker create` accepts the bind
    // without it, so the test never writes to the host's /srv.
    const QString copyName = name + QStringLiteral("-hardened");
    m_containers << copyName;
    QString err;
    const std::string script = asCreate(hardened, name.toStdString(), copyName.toStdString());
    QVERIFY2(runShell(script, m_workDir.path(), &err) == 0,
             qPrintable(QString::fromStdString(script) + "\n" + err));
    const Container copy = inspect(copyName.toStdString());
    const HostConfig& h = copy.hostConfig;
    QVERIFY(!h.privileged);
    QVERIFY(h.readonlyRootfs);
    QCOMPARE(h.capDrop, StringList{"ALL"});
    QCOMPARE(h.capAdd, StringList{"CAP_NET_BIND_SERVICE"});
    QCOMPARE(str(h.portBindings), std::string("[80/tcp=127.0.0.1:18081]"));
    QCOMPARE(h.tmpfs.count("/tmp"), std::size_t(1));
    QCOMPARE(copy.config.user, std::string("10001:10001"));
    QVERIFY(std::find(h.binds.begin(), h.binds.end(), "/etc:/host-etc:ro") != h.binds.end());
    QVERIFY(std::find(h.binds.begin(), h.binds.end(),
                      "/srv/secrets/db_password:/run/secrets/db_password:ro") != h.binds.end());
    for (const auto& e : copy.config.env) {
        QVERIFY2(!startsWith(e, "DB_PASSWORD="), e.c_str());
    }
    QVERIFY(std::find(copy.config.env.begin(), copy.config.env.end(),
                      "DB_PASSWORD_FILE=/run/secrets/db_password") != copy.config.env.end());
}

QTEST_GUILESS_MAIN(TestRunCommandRoundTrip)
#include "TestRunCommandRoundTrip.moc"
