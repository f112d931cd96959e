#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/SecretLikeness.h"

#include <QTest>

#include <functional>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::StringList)

namespace {

const std::string kId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

// nginx-like image: entrypoint, cmd, env, an exposed port, a VOLUME, a label and a stop signal.
Image baseImage()
{
    Image i;
    i.id = "sha256:feedface";
    i.repoTags = {"nginx:1.25"};
    ContainerConfig& c = i.config;
    c.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3"};
    c.entrypoint = StringList{"/docker-entrypoint.sh"};
    c.cmd = {"nginx", "-g", "daemon off;"};
    c.exposedPorts = {"80/tcp"};
    c.volumes = {"/var/cache/nginx"};
    c.labels = {{"maintainer", "NGINX Docker Maintainers"}};
    c.stopSignal = "SIGQUIT";
    return i;
}

// What `docker run -d --name web nginx:1.25` leaves in inspect: Config merged with the image's (§0.1.7),
// HostConfig defaults, and the image's VOLUME as an anonymous mount.
Container baseContainer()
{
    Container c;
    c.id = kId;
    c.name = "web";
    c.imageId = "sha256:feedface";
    c.config = baseImage().config;
    c.config.image = "nginx:1.25";
    c.config.hostname = c.shortId();
    c.hostConfig.networkMode = "default";
    c.hostConfig.logConfig.type = "json-file";
    c.hostConfig.shmSize = 64LL * 1024 * 1024;
    c.hostConfig.ipcMode = "private";
    c.hostConfig.cgroupnsMode = "private";
    c.hostConfig.restartPolicy.name = "no";
    c.hostConfig.maskedPaths = StringList{"/proc/kcore"};
    c.hostConfig.readonlyPaths = StringList{"/proc/sys"};
    c.mounts.push_back(MountPoint{"volume", "3f1e…hash", "/var/lib/docker/volumes/3f1e/_data",
                                  "/var/cache/nginx", "local", "", "", true});
    EndpointSettings bridge;
    bridge.networkName = "bridge";
    c.networks.push_back(bridge);
    return c;
}

struct Case
{
    const char* name;
    std::function<void(Container&, Image&)> setup;
    StringList expected; // must appear in argv as consecutive words
    StringList absent;   // words that must not appear anywhere in argv
    bool withoutImage = false;
};

bool containsSequence(const StringList& argv, const StringList& seq)
{
    if (seq.empty()) {
        return true;
    }
    for (std::size_t i = 0; i + seq.size() <= argv.size(); ++i) {
        if (std::equal(seq.begin(), seq.end(), argv.begin() + static_cast<std::ptrdiff_t>(i))) {
            return true;
        }
    }
    return false;
}

const std::vector<Case>& cases()
{
    using C = Container;
    using I = Image;
    static const std::vector<Case> all{
        {"an env entry the image lacks is emitted",
         [](C& c, I&) { c.config.env.push_back("MODE=prod"); },
         {"--env", "MODE=prod"},
         {}},
        {"an env entry overriding the image value is emitted",
         [](C& c, I&) { c.config.env[1] = "NGINX_VERSION=custom"; },
         {"--env", "NGINX_VERSION=custom"},
         {"PATH"}},
        {"the user is emitted when it differs from the image",
         [](C& c, I&) { c.config.user = "1000:1000"; },
         {"--user", "1000:1000"},
         {}},
        {"the user of the image is not re-emitted",
         [](C& c, I& i) { c.config.user = i.config.user = "nginx"; },
         {},
         {"--user"}},
        {"the working directory is emitted",
         [](C& c, I&) { c.config.workingDir = "/srv"; },
         {"--workdir", "/srv"},
         {}},
        {"a reset entrypoint is emitted as empty with the whole command",
         [](C& c, I&) {
             c.config.entrypoint = std::nullopt;
             c.config.cmd = {"sh"};
         },
         {"--entrypoint", "", "nginx:1.25", "sh"},
         {}},
        {"a longer entrypoint moves its tail in front of the command",
         [](C& c, I&) {
             c.config.entrypoint = StringList{"/bin/sh", "-c"};
             c.config.cmd = {"echo hi"};
         },
         {"--entrypoint", "/bin/sh", "nginx:1.25", "-c", "echo hi"},
         {}},
        {"a new entrypoint carries the image's command explicitly",
         [](C& c, I&) { c.config.entrypoint = StringList{"/tini"}; },
         {"--entrypoint", "/tini", "nginx:1.25", "nginx", "-g", "daemon off;"},
         {}},
        {"a different command follows the image",
         [](C& c, I&) {
             c.config.cmd = {"nginx", "-T"};
         },
         {"nginx:1.25", "nginx", "-T"},
         {"--entrypoint"}},
        {"a label the image lacks is emitted",
         [](C& c, I&) { c.config.labels["tier"] = "front"; },
         {"--label", "tier=front"},
         {"maintainer=NGINX Docker Maintainers"}},
        {"a custom hostname is emitted",
         [](C& c, I&) { c.config.hostname = "web1"; },
         {"--hostname", "web1"},
         {}},
        {"the hostname is left out on the host network",
         [](C& c, I&) {
             c.config.hostname = "myhost";
             c.hostConfig.networkMode = "host";
         },
         {"--network", "host"},
         {"--hostname"}},
        {"restart always is emitted",
         [](C& c, I&) { c.hostConfig.restartPolicy.name = "always"; },
         {"--restart", "always"},
         {}},
        {"restart on-failure keeps its retry count",
         [](C& c, I&) {
             c.hostConfig.restartPolicy = {"on-failure", 5};
         },
         {"--restart", "on-failure:5"},
         {}},
        {"auto-remove becomes --rm", [](C& c, I&) { c.hostConfig.autoRemove = true; }, {"--rm"}, {}},
        {"a privileged container keeps --privileged without its implied label option",
         [](C& c, I&) {
             c.hostConfig.privileged = true;
             c.hostConfig.securityOpt = {"label=disable"};
             c.hostConfig.maskedPaths = std::nullopt;
             c.hostConfig.readonlyPaths = std::nullopt;
         },
         {"--privileged"},
         {"label=disable", "--security-opt"}},
        {"a read-only root filesystem is emitted",
         [](C& c, I&) { c.hostConfig.readonlyRootfs = true; },
         {"--read-only"},
         {}},
        {"added capabilities lose the CAP_ prefix",
         [](C& c, I&) {
             c.hostConfig.capAdd = {"CAP_NET_ADMIN", "CAP_SYS_TIME"};
         },
         {"--cap-add", "NET_ADMIN", "--cap-add", "SYS_TIME"},
         {"CAP_NET_ADMIN"}},
        {"dropping all capabilities is emitted",
         [](C& c, I&) { c.hostConfig.capDrop = {"ALL"}; },
         {"--cap-drop", "ALL"},
         {}},
        {"security options keep the user's separator",
         [](C& c, I&) {
             c.hostConfig.securityOpt = {"no-new-privileges:true", "apparmor=unconfined"};
         },
         {"--security-opt", "no-new-privileges:true", "--security-opt", "apparmor=unconfined"},
         {}},
        {"empty masked paths become systempaths=unconfined",
         [](C& c, I&) {
             c.hostConfig.maskedPaths = StringList{};
             c.hostConfig.readonlyPaths = StringList{};
         },
         {"--security-opt", "systempaths=unconfined"},
         {}},
        {"the host PID namespace is emitted",
         [](C& c, I&) { c.hostConfig.pidMode = "host"; },
         {"--pid", "host"},
         {}},
        {"the host IPC namespace is emitted",
         [](C& c, I&) { c.hostConfig.ipcMode = "host"; },
         {"--ipc", "host"},
         {}},
        {"the host PID namespace leaves out the label option the daemon added for it",
         [](C& c, I&) {
             c.hostConfig.pidMode = "host";
             c.hostConfig.securityOpt = {"label=disable"};
         },
         {"--pid", "host"},
         {"label=disable", "--security-opt"}},
        {"the host IPC namespace leaves out the label option the daemon added for it",
         [](C& c, I&) {
             c.hostConfig.ipcMode = "host";
             c.hostConfig.securityOpt = {"label:disable"};
         },
         {"--ipc", "host"},
         {"label:disable", "--security-opt"}},
        {"a shareable IPC namespace is emitted",
         [](C& c, I&) { c.hostConfig.ipcMode = "shareable"; },
         {"--ipc", "shareable"},
         {}},
        {"the host UTS namespace is emitted",
         [](C& c, I&) { c.hostConfig.utsMode = "host"; },
         {"--uts", "host"},
         {}},
        {"the user-namespace opt-out is emitted",
         [](C& c, I&) { c.hostConfig.usernsMode = "host"; },
         {"--userns", "host"},
         {}},
        {"the host cgroup namespace is emitted",
         [](C& c, I&) { c.hostConfig.cgroupnsMode = "host"; },
         {"--cgroupns", "host"},
         {}},
        {"an explicit bridge network is emitted",
         [](C& c, I&) { c.hostConfig.networkMode = "bridge"; },
         {"--network", "bridge"},
         {}},
        {"no network is emitted",
         [](C& c, I&) {
             c.hostConfig.networkMode = "none";
             c.networks[0].networkName = "none";
         },
         {"--network", "none"},
         {}},
        {"a shared network namespace keeps the container id",
         [](C& c, I&) {
             c.hostConfig.networkMode = "container:" + std::string(64, 'a');
             c.networks.clear();
         },
         {"--network", "container:" + std::string(64, 'a')},
         {}},
        {"a user network brings its aliases but not the automatic short id",
         [](C& c, I&) {
             c.hostConfig.networkMode = "appnet";
             c.networks[0].networkName = "appnet";
             c.networks[0].aliases = {"api", c.shortId()};
         },
         {"--network", "appnet", "--network-alias", "api"},
         {kId.substr(0, 12)}},
        {"a published port is emitted without /tcp",
         [](C& c, I&) {
             c.hostConfig.portBindings = {{"80/tcp", {{"", "8080"}}}};
         },
         {"--publish", "8080:80"},
         {"--expose"}},
        {"a published port keeps its address",
         [](C& c, I&) {
             c.hostConfig.portBindings = {{"80/tcp", {{"127.0.0.1", "8080"}}}};
         },
         {"--publish", "127.0.0.1:8080:80"},
         {}},
        {"a UDP port keeps its protocol",
         [](C& c, I&) {
             c.hostConfig.portBindings = {{"53/udp", {{"", "5353"}}}};
         },
         {"--publish", "5353:53/udp"},
         {}},
        {"a random host port publishes the container port alone",
         [](C& c, I&) {
             c.hostConfig.portBindings = {{"80/tcp", {{"", ""}}}};
         },
         {"--publish", "80"},
         {}},
        {"an IPv6 address is bracketed",
         [](C& c, I&) {
             c.hostConfig.portBindings = {{"80/tcp", {{"::1", "8080"}}}};
         },
         {"--publish", "[::1]:8080:80"},
         {}},
        {"publish-all is emitted",
         [](C& c, I&) { c.hostConfig.publishAllPorts = true; },
         {"--publish-all"},
         {}},
        {"a port exposed at run time is emitted",
         [](C& c, I&) { c.config.exposedPorts.push_back("9000/tcp"); },
         {"--expose", "9000"},
         {}},
        {"binds become volumes",
         [](C& c, I&) {
             c.hostConfig.binds = {"/srv/data:/data:ro", "logs:/logs"};
         },
         {"--volume", "/srv/data:/data:ro", "--volume", "logs:/logs"},
         {}},
        {"mount specs become --mount",
         [](C& c, I&) {
             MountSpec m;
             m.type = "bind";
             m.source = "/a";
             m.target = "/b";
             m.readOnly = true;
             m.bindPropagation = "rshared";
             c.hostConfig.mounts = {m};
         },
         {"--mount", "type=bind,src=/a,dst=/b,readonly,bind-propagation=rshared"},
         {}},
        {"a mount source with a comma is CSV-quoted",
         [](C& c, I&) {
             MountSpec m;
             m.type = "bind";
             m.source = "/a,b";
             m.target = "/b";
             c.hostConfig.mounts = {m};
         },
         {"--mount", "type=bind,\"src=/a,b\",dst=/b"},
         {}},
        {"tmpfs mounts keep their options",
         [](C& c, I&) {
             c.hostConfig.tmpfs = {{"/run", "rw,size=16m"}};
         },
         {"--tmpfs", "/run:rw,size=16m"},
         {}},
        {"an anonymous volume asked for at run time is emitted",
         [](C& c, I&) { c.config.volumes.push_back("/data"); },
         {"--volume", "/data"},
         {"/var/cache/nginx"}},
        {"volumes-from is emitted",
         [](C& c, I&) { c.hostConfig.volumesFrom = {"store:ro"}; },
         {"--volumes-from", "store:ro"},
         {}},
        {"a device mapped to itself is written short",
         [](C& c, I&) {
             c.hostConfig.devices = {{"/dev/ttyUSB0", "/dev/ttyUSB0", "rwm"}};
         },
         {"--device", "/dev/ttyUSB0"},
         {}},
        {"a remapped read-only device keeps every part",
         [](C& c, I&) {
             c.hostConfig.devices = {{"/dev/sda", "/dev/xvda", "r"}};
         },
         {"--device", "/dev/sda:/dev/xvda:r"},
         {}},
        {"device cgroup rules are emitted",
         [](C& c, I&) { c.hostConfig.deviceCgroupRules = {"c 188:* rmw"}; },
         {"--device-cgroup-rule", "c 188:* rmw"},
         {}},
        {"a request for every GPU becomes --gpus all",
         [](C& c, I&) {
             c.hostConfig.deviceRequests = {{"", -1, {}, {{"gpu"}}}};
         },
         {"--gpus", "all"},
         {}},
        {"a cgroup parent is emitted",
         [](C& c, I&) { c.hostConfig.cgroupParent = "/custom"; },
         {"--cgroup-parent", "/custom"},
         {}},
        {"memory limits use binary units",
         [](C& c, I&) {
             c.hostConfig.memory = 512LL << 20;
             c.hostConfig.memorySwap = -1;
             c.hostConfig.memoryReservation = 256LL << 20;
         },
         {"--memory", "512m", "--memory-swap", "-1", "--memory-reservation", "256m"},
         {}},
        {"swap at twice the memory is the daemon's own default",
         [](C& c, I&) {
             c.hostConfig.memory = 1LL << 30;
             c.hostConfig.memorySwap = 2LL << 30;
         },
         {"--memory", "1g"},
         {"--memory-swap"}},
        {"CPU settings are emitted",
         [](C& c, I&) {
             c.hostConfig.nanoCpus = 1500000000;
             c.hostConfig.cpuShares = 512;
             c.hostConfig.cpuQuota = 50000;
             c.hostConfig.cpuPeriod = 100000;
             c.hostConfig.cpusetCpus = "0-1";
         },
         {"--cpus", "1.5", "--cpu-shares", "512", "--cpu-quota", "50000", "--cpu-period", "100000",
          "--cpuset-cpus", "0-1"},
         {}},
        {"a PIDs limit is emitted",
         [](C& c, I&) { c.hostConfig.pidsLimit = 100; },
         {"--pids-limit", "100"},
         {}},
        {"ulimits keep soft and hard",
         [](C& c, I&) {
             c.hostConfig.ulimits = {{"nofile", 1024, 2048}};
         },
         {"--ulimit", "nofile=1024:2048"},
         {}},
        {"OOM settings are emitted",
         [](C& c, I&) {
             c.hostConfig.oomKillDisable = true;
             c.hostConfig.oomScoreAdj = -500;
         },
         {"--oom-kill-disable", "--oom-score-adj", "-500"},
         {}},
        {"a larger shared memory is emitted",
         [](C& c, I&) { c.hostConfig.shmSize = 128LL << 20; },
         {"--shm-size", "128m"},
         {}},
        {"a log driver with options is emitted",
         [](C& c, I&) {
             c.hostConfig.logConfig = {"syslog", {{"syslog-address", "udp://127.0.0.1:514"}}};
         },
         {"--log-driver", "syslog", "--log-opt", "syslog-address=udp://127.0.0.1:514"},
         {}},
        {"json-file with rotation is emitted",
         [](C& c, I&) {
             c.hostConfig.logConfig.config = {{"max-size", "10m"}};
         },
         {"--log-driver", "json-file", "--log-opt", "max-size=10m"},
         {}},
        {"name resolution settings are emitted",
         [](C& c, I&) {
             c.hostConfig.dns = {"1.1.1.1"};
             c.hostConfig.dnsOptions = {"ndots:2"};
             c.hostConfig.dnsSearch = {"example.internal"};
             c.hostConfig.extraHosts = {"db:10.0.0.5"};
         },
         {"--dns", "1.1.1.1", "--dns-option", "ndots:2", "--dns-search", "example.internal", "--add-host",
          "db:10.0.0.5"},
         {}},
        {"groups and sysctls are emitted",
         [](C& c, I&) {
             c.hostConfig.groupAdd = {"audio"};
             c.hostConfig.sysctls = {{"net.core.somaxconn", "1024"}};
         },
         {"--group-add", "audio", "--sysctl", "net.core.somaxconn=1024"},
         {}},
        {"init and a non-default runtime are emitted",
         [](C& c, I&) {
             c.hostConfig.init = true;
             c.hostConfig.runtime = "runsc";
         },
         {"--init", "--runtime", "runsc"},
         {}},
        {"runc is the default runtime", [](C& c, I&) { c.hostConfig.runtime = "runc"; }, {}, {"--runtime"}},
        {"a legacy link is emitted without the environment it injected",
         [](C& c, I&) {
             c.hostConfig.links = {"/db:/web/db"};
             c.config.env.push_back("DB_PORT=tcp://172.17.0.2:5432");
             c.config.env.push_back("DB_PORT_5432_TCP_ADDR=172.17.0.2");
             c.config.env.push_back("DB_NAME=/web/db");
             c.config.env.push_back("DB_ENV_POSTGRES_DB=app");
         },
         {"--link", "db:db"},
         {"--env"}},
        {"a stop signal other than the image's is emitted",
         [](C& c, I&) {
             c.config.stopSignal = "SIGTERM";
             c.config.stopTimeout = 30;
         },
         {"--stop-signal", "SIGTERM", "--stop-timeout", "30"},
         {}},
        {"a health check override is emitted",
         [](C& c, I&) {
             c.config.healthcheck = Healthcheck{{"CMD-SHELL", "curl -f http://localhost/ || exit 1"},
                                                30000000000LL,
                                                5000000000LL,
                                                90000000000LL,
                                                3};
         },
         {"--health-cmd", "curl -f http://localhost/ || exit 1", "--health-interval", "30s",
          "--health-timeout", "5s", "--health-retries", "3", "--health-start-period", "1m30s"},
         {}},
        {"an exec-form health check becomes the equivalent shell line",
         [](C& c, I&) {
             c.config.healthcheck = Healthcheck{{"CMD", "/bin/check", "--deep"}, 0, 0, 0, 0};
         },
         {"--health-cmd", "/bin/check --deep"},
         {}},
        {"a disabled health check becomes --no-healthcheck",
         [](C& c, I& i) {
             i.config.healthcheck = Healthcheck{{"CMD-SHELL", "true"}, 0, 0, 0, 0};
             c.config.healthcheck = Healthcheck{{"NONE"}, 0, 0, 0, 0};
         },
         {"--no-healthcheck"},
         {}},
        {"the image's health check is not re-emitted",
         [](C& c, I& i) {
             i.config.healthcheck = Healthcheck{{"CMD-SHELL", "true"}, 30000000000LL, 0, 0, 0};
             c.config.healthcheck = i.config.healthcheck;
         },
         {},
         {"--health-cmd", "--health-interval", "--no-healthcheck"}},
        {"terminal flags are emitted",
         [](C& c, I&) {
             c.config.tty = true;
             c.config.openStdin = true;
         },
         {"--tty", "--interactive"},
         {}},
        {"the image id stands in for a missing reference",
         [](C& c, I&) { c.config.image.clear(); },
         {"--name", "web", "sha256:feedface"},
         {}},
        {"without the image the environment is emitted",
         [](C&, I&) {},
         {"--env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "--env",
          "NGINX_VERSION=1.25.3"},
         {},
         true},
        {"without the image the labels are emitted",
         [](C&, I&) {},
         {"--label", "maintainer=NGINX Docker Maintainers"},
         {},
         true},
        {"without the image the stop signal is emitted",
         [](C&, I&) {},
         {"--stop-signal", "SIGQUIT"},
         {},
         true},
        {"without the image the exposed ports are emitted", [](C&, I&) {}, {"--expose", "80"}, {}, true},
        {"without the image its volumes are asked for explicitly",
         [](C&, I&) {},
         {"--volume", "/var/cache/nginx"},
         {},
         true},
        {"without the image the entrypoint is emitted",
         [](C&, I&) {},
         {"--entrypoint", "/docker-entrypoint.sh"},
         {},
         true},
        {"without the image the command is emitted",
         [](C&, I&) {},
         {"nginx:1.25", "nginx", "-g", "daemon off;"},
         {},
         true},
    };
    return all;
}

} // namespace

// Rebuilding `docker run` from inspect values (Appendix A of the check catalogue).
class TestRunCommandBuilder : public QObject
{
    Q_OBJECT

private slots:
    void plainRunEmitsNothingFromTheImage();
    void mapping_data();
    void mapping();
    void secretsAreRedacted_data();
    void secretsAreRedacted();
    void harmlessValuesStay_data();
    void harmlessValuesStay();
    void extraNetworksBecomeFollowUps();
    void inlineSeccompBecomesAFile();
    void renderFormat();
    void renderQuotesAndKeepsNotesAsComments();
    void renderedTextSplitsBackToArgv();
};

void TestRunCommandBuilder::plainRunEmitsNothingFromTheImage()
{
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(baseContainer(), &image);
    QCOMPARE(cmd.argv(), (StringList{"run", "--detach", "--name", "web", "nginx:1.25"}));
    QVERIFY(cmd.followUps.empty());
    QVERIFY(cmd.notes.empty());
    QVERIFY(std::find(cmd.exposedPorts.begin(), cmd.exposedPorts.end(), "80/tcp") != cmd.exposedPorts.end());
}

void TestRunCommandBuilder::mapping_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < cases().size(); ++i) {
        QTest::newRow(cases()[i].name) << static_cast<int>(i);
    }
}

void TestRunCommandBuilder::mapping()
{
    QFETCH(int, index);
    const Case& tc = cases()[static_cast<std::size_t>(index)];
    Container container = baseContainer();
    Image image = baseImage();
    tc.setup(container, image);
    const RunCommand cmd = RunCommandBuilder().build(container, tc.withoutImage ? nullptr : &image);
    const StringList argv = cmd.argv();
    const std::string text = shellJoin(argv);
    QVERIFY2(containsSequence(argv, tc.expected), text.c_str());
    for (const auto& word : tc.absent) {
        QVERIFY2(std::find(argv.begin(), argv.end(), word) == argv.end(), (word + " in: " + text).c_str());
    }
}

void TestRunCommandBuilder::secretsAreRedacted_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("where");
    enum
    {
        Env,
        EnvUrl,
        Cmd,
        LogOpt,
        Label,
        Health,
        VolumeOpt
    };
    QTest::newRow("a password under a secret-looking env name") << "hunter2hunter2" << int(Env);
    QTest::newRow("an AWS key id under a harmless env name") << "AKIAIOSFODNN7EXAMPLE" << int(Env);
    QTest::newRow("a GitHub token under a harmless env name")
        << "ghp_abcdefghijklmnopqrstuvwxyz0123456789" << int(Env);
    QTest::newRow("a JWT under a harmless env name")
        << "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl" << int(Env);
    QTest::newRow("a private key under a harmless env name")
        << "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----" << int(Env);
    QTest::newRow("URL credentials in an env value") << "s3cr3tpass" << int(EnvUrl);
    QTest::newRow("a password option on the command line") << "cmdlinepass" << int(Cmd);
    QTest::newRow("a token in a log option") << "splunk-abcdef-123456" << int(LogOpt);
    QTest::newRow("a secret under a secret-looking label key") << "labelsecret99" << int(Label);
    QTest::newRow("URL credentials in the health command") << "healthpass1" << int(Health);
    QTest::newRow("a password inside volume driver options") << "cifspass42" << int(VolumeOpt);
}

void TestRunCommandBuilder::secretsAreRedacted()
{
    QFETCH(QString, secret);
    QFETCH(int, where);
    const std::string s = secret.toStdString();
    Container c = baseContainer();
    switch (where) {
    case 0:
        c.config.env.push_back((s.size() == 14 ? "DB_PASSWORD=" : "SETTING=") + s);
        break;
    case 1:
        c.config.env.push_back("DATABASE_URL=postgres://app:" + s + "@db:5432/app");
        break;
    case 2:
        c.config.cmd = {"server", "--password", s, "--db-password=" + s};
        break;
    case 3:
        c.hostConfig.logConfig = {"splunk", {{"splunk-token", s}, {"splunk-url", "https://splunk:8088"}}};
        break;
    case 4:
        c.config.labels["com.example.api-key"] = s;
        break;
    case 5:
        c.config.healthcheck =
            Healthcheck{{"CMD-SHELL", "curl -f http://admin:" + s + "@localhost/"}, 0, 0, 0, 0};
        break;
    case 6: {
        MountSpec m;
        m.type = "volume";
        m.source = "share";
        m.target = "/data";
        m.volumeDriverOptions = {{"o", "username=bob,password=" + s}, {"type", "cifs"}};
        c.hostConfig.mounts = {m};
        break;
    }
    }
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    for (const std::string& text : {cmd.render(), cmd.renderOneLine(), join(cmd.argv(), " ")}) {
        QVERIFY2(!contains(text, s), text.c_str());
        QVERIFY2(contains(text, "<redacted>"), text.c_str());
    }
    QVERIFY2(std::find(cmd.notes.begin(), cmd.notes.end(), std::string(kRedactionNote)) != cmd.notes.end(),
             "a note tells the reader to fill in the placeholders");
}

void TestRunCommandBuilder::harmlessValuesStay_data()
{
    QTest::addColumn<QString>("entry");
    QTest::newRow("a GPG key fingerprint of an official image")
        << "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D";
    QTest::newRow("a tokenizer setting") << "TOKENIZERS_PARALLELISM=false";
    QTest::newRow("a *_FILE pointer") << "DB_PASSWORD_FILE=/run/secrets/db_password";
    QTest::newRow("a boolean under an auth name") << "REQUIRE_AUTH=true";
    QTest::newRow("a URL without credentials") << "API_URL=https://api.example.com/v1";
    QTest::newRow("a plain setting") << "LOG_LEVEL=debug";
}

void TestRunCommandBuilder::harmlessValuesStay()
{
    QFETCH(QString, entry);
    Container c = baseContainer();
    c.config.env.push_back(entry.toStdString());
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    QVERIFY2(containsSequence(cmd.argv(), {"--env", entry.toStdString()}), cmd.renderOneLine().c_str());
    QVERIFY(cmd.notes.empty());
}

void TestRunCommandBuilder::extraNetworksBecomeFollowUps()
{
    Container c = baseContainer();
    c.hostConfig.networkMode = "frontend";
    c.networks.clear();
    EndpointSettings backend;
    backend.networkName = "backend";
    backend.aliases = {"api", c.shortId()};
    EndpointSettings frontend;
    frontend.networkName = "frontend";
    frontend.aliases = {"www"};
    EndpointSettings odd;
    odd.networkName = "it's odd";
    c.networks = {backend, frontend, odd}; // inspect orders networks by name, not by attachment
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    QVERIFY2(containsSequence(cmd.argv(), {"--network", "frontend", "--network-alias", "www"}),
             cmd.renderOneLine().c_str());
    QCOMPARE(cmd.followUps,
             (std::vector<NetworkConnect>{{"backend", {"api"}, "web"}, {"it's odd", {}, "web"}}));
    const std::string text = cmd.render();
    QVERIFY(endsWith(
        text, "\ndocker network connect --alias api backend web\ndocker network connect 'it'\\''s odd' web"));
}

void TestRunCommandBuilder::inlineSeccompBecomesAFile()
{
    Container c = baseContainer();
    c.hostConfig.securityOpt = {"seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[]}",
                                "no-new-privileges"};
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    QVERIFY2(containsSequence(cmd.argv(), {"--security-opt", "seccomp=./seccomp-web.json", "--security-opt",
                                           "no-new-privileges"}),
             cmd.renderOneLine().c_str());
    QVERIFY(!contains(cmd.render(), "SCMP_ACT_ERRNO"));
    QCOMPARE(cmd.notes.size(), std::size_t(1));
    QVERIFY(contains(cmd.notes.front(), "./seccomp-web.json"));
    QVERIFY(startsWith(cmd.render(), "# "));
}

void TestRunCommandBuilder::renderFormat()
{
    Container c = baseContainer();
    c.hostConfig.readonlyRootfs = true;
    c.config.cmd = {"nginx", "-g", "daemon off;"};
    c.config.env.push_back("GREETING=hello world");
    c.hostConfig.networkMode = "a";
    c.networks = {EndpointSettings{"a", "", "", "", "", "", {}, {}},
                  EndpointSettings{"b", "", "", "", "", "", {}, {}}};
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    QCOMPARE(QString::fromStdString(cmd.render()), QStringLiteral("docker run \\\n"
                                                                  "  --detach \\\n"
                                                                  "  --name web \\\n"
                                                                  "  --env 'GREETING=hello world' \\\n"
                                                                  "  --read-only \\\n"
                                                                  "  --network a \\\n"
                                                                  "  nginx:1.25\n"
                                                                  "docker network connect b web"));
    QCOMPARE(
        QString::fromStdString(cmd.renderOneLine()),
        QStringLiteral("docker run --detach --name web --env 'GREETING=hello world' --read-only --network a "
                       "nginx:1.25 && docker network connect b web"));
    QVERIFY(cmd.hasFlag("--read-only"));
    QVERIFY(!cmd.hasFlag("--privileged"));
    QCOMPARE(cmd.values("--env"), StringList{"GREETING=hello world"});
}

void TestRunCommandBuilder::renderQuotesAndKeepsNotesAsComments()
{
    RunCommand cmd;
    cmd.options = {RunArg{"--label", "x=$(reboot)", true}, RunArg{"--entrypoint", "", true}};
    cmd.image = "img";
    cmd.command = {"sh", "-c", "echo 'hi'; exit 0"};
    cmd.notes = {"first line\nrm -rf / # injected"};
    const std::string text = cmd.render();
    QCOMPARE(QString::fromStdString(text), QStringLiteral("# first line\\u000arm -rf / # injected\n"
                                                          "docker run \\\n"
                                                          "  --label 'x=$(reboot)' \\\n"
                                                          "  --entrypoint '' \\\n"
                                                          "  img sh -c 'echo '\\''hi'\\''; exit 0'"));
}

void TestRunCommandBuilder::renderedTextSplitsBackToArgv()
{
    Container c = baseContainer();
    c.config.env.push_back("QUOTE=it's \"quoted\" $HOME `id`");
    c.config.labels["multi"] = "line1\nline2";
    c.config.cmd = {"sh", "-c", "echo \\\\ done"};
    c.hostConfig.tmpfs = {{"/run", ""}};
    const Image image = baseImage();
    const RunCommand cmd = RunCommandBuilder().build(c, &image);
    const std::string text = cmd.render();
    QVERIFY(startsWith(text, "docker run \\\n"));
    const auto words = shellSplit(text.substr(std::string("docker ").size()));
    QVERIFY(words.ok());
    QCOMPARE(words.value(), cmd.argv());
    const auto oneLine = shellSplit(cmd.renderOneLine().substr(std::string("docker ").size()));
    QVERIFY(oneLine.ok());
    QCOMPARE(oneLine.value(), cmd.argv());
}

QTEST_APPLESS_MAIN(TestRunCommandBuilder)
#include "TestRunCommandBuilder.moc"
