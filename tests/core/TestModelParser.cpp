// Unit tests for core/json/ModelParser: answers recorded from a real dockerd 20.10 (API 1.41, a zoo of
// containers, an image built with the classic builder, a swarm with a service, secret and config), a
// hand-made 1.51-shaped inspect, and hostile bodies that must give clear errors and never crash.
#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/json/ModelParser.h"
#include "tests/support/TestSupport.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <limits>

using namespace drydock;
using drydock::test::readData;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QStringList q(const StringList& list)
{
    QStringList out;
    for (const auto& s : list) {
        out << q(s);
    }
    return out;
}

Container container(const QString& file)
{
    auto c = json::parseContainer(readData(file));
    if (!c) {
        qWarning("%s: %s", qPrintable(file), c.error().message.c_str());
        return {};
    }
    return std::move(c).value();
}

const PortMapping* findPort(const std::vector<PortMapping>& ports, const std::string& port)
{
    const auto it = std::find_if(ports.begin(), ports.end(),
                                 [&](const PortMapping& p) { return p.containerPort == port; });
    return it == ports.end() ? nullptr : &*it;
}

bool hasEntry(const StringList& list, const std::string& entry)
{
    return std::find(list.begin(), list.end(), entry) != list.end();
}

// A container inspect with one extra label of the given size, built in memory (too big to commit).
std::string inspectWithHugeLabel(std::size_t bytes)
{
    std::string body = readData("api-1.41/container-plain.json");
    const std::string anchor = "\"Labels\":{";
    const auto pos = body.find(anchor);
    if (pos == std::string::npos) {
        return {};
    }
    const bool hadLabels = body.compare(pos + anchor.size(), 1, "}") != 0;
    body.insert(pos + anchor.size(), "\"huge\":\"" + std::string(bytes, 'x') + "\"" + (hadLabels ? "," : ""));
    return body;
}

using Parser = std::function<bool(std::string_view, std::string*)>;

template <typename F> Parser wrap(F f)
{
    return [f](std::string_view body, std::string* message) {
        auto r = f(body);
        if (!r && message) {
            *message = r.error().message;
            if (r.error().code != ErrorCode::MalformedResponse) {
                *message = "wrong error code: " + *message;
            }
        }
        return r.ok();
    };
}

} // namespace

Q_DECLARE_METATYPE(Parser)

class TestModelParser : public QObject
{
    Q_OBJECT
private slots:
    // --- containers ---------------------------------------------------------------------------------

    void containerBasics_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("networkMode");
        QTest::addColumn<bool>("privileged");
        QTest::addColumn<QString>("pidMode");
        QTest::addColumn<QString>("ipcMode");
        QTest::addColumn<QStringList>("securityOpt");
        QTest::addColumn<QString>("maskedPaths"); // "null", "empty" or "list"
        QTest::addColumn<qint64>("pidsLimit");    // -1 for "no limit" (nullopt)
        QTest::addColumn<QString>("healthcheck"); // "absent", "disabled" or "set"

        QTest::newRow("a plain container lands on the default network with default confinement")
            << "plain"
            << "plain"
            << "running"
            << "default" << false << ""
            << "private" << QStringList{} << "list" << qint64(-1) << "absent";
        QTest::newRow("the many-options container keeps its user network, limit and health check")
            << "webapp"
            << "webapp"
            << "running"
            << "appnet" << false << ""
            << "private" << QStringList{"no-new-privileges:true"} << "list" << qint64(100) << "set";
        QTest::newRow("a privileged container stays created and has no masked paths at all")
            << "priv"
            << "priv"
            << "created"
            << "default" << true << ""
            << "private" << QStringList{"label=disable"} << "null" << qint64(-1) << "absent";
        QTest::newRow("host pid and ipc namespaces are reported as host")
            << "hostns"
            << "hostns"
            << "running"
            << "default" << false << "host"
            << "host" << QStringList{"label=disable"} << "list" << qint64(-1) << "absent";
        QTest::newRow("seccomp=unconfined is kept verbatim")
            << "noseccomp"
            << "noseccomp"
            << "running"
            << "default" << false << ""
            << "private" << QStringList{"seccomp=unconfined"} << "list" << qint64(-1) << "absent";
        QTest::newRow("systempaths=unconfined leaves masked paths present but empty")
            << "sysunconf"
            << "sysunconf"
            << "running"
            << "default" << false << ""
            << "private" << QStringList{} << "empty" << qint64(-1) << "disabled";
        QTest::newRow("an exited container reads as exited")
            << "exited"
            << "exited"
            << "exited"
            << "default" << false << ""
            << "private" << QStringList{} << "list" << qint64(-1) << "absent";
    }
    void containerBasics()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(QString, status);
        QFETCH(QString, networkMode);
        QFETCH(bool, privileged);
        QFETCH(QString, pidMode);
        QFETCH(QString, ipcMode);
        QFETCH(QStringList, securityOpt);
        QFETCH(QString, maskedPaths);
        QFETCH(qint64, pidsLimit);
        QFETCH(QString, healthcheck);

        auto parsed = json::parseContainer(readData("api-1.41/container-" + file + ".json"));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        const Container& c = *parsed;
        QCOMPARE(c.id.size(), std::size_t(64));
        QCOMPARE(q(c.name), name);
        QCOMPARE(q(c.state.status), status);
        QCOMPARE(q(c.hostConfig.networkMode), networkMode);
        QCOMPARE(c.hostConfig.privileged, privileged);
        QCOMPARE(q(c.hostConfig.pidMode), pidMode);
        QCOMPARE(q(c.hostConfig.ipcMode), ipcMode);
        QCOMPARE(q(c.hostConfig.securityOpt), securityOpt);
        const auto& mp = c.hostConfig.maskedPaths;
        QCOMPARE(QString(!mp ? "null" : mp->empty() ? "empty" : "list"), maskedPaths);
        QCOMPARE(qint64(c.hostConfig.pidsLimit.value_or(-1)), pidsLimit);
        const auto& hc = c.config.healthcheck;
        QCOMPARE(QString(!hc ? "absent" : hc->isDisabled() ? "disabled" : "set"), healthcheck);
        QVERIFY(startsWith(c.imageId, "sha256:"));
        QCOMPARE(q(c.config.image), QString("drydock-test/busybox:1"));
        QVERIFY(!c.config.entrypoint.has_value()); // busybox has Entrypoint null
    }

    void containerWithManyOptions()
    {
        const Container c = container("api-1.41/container-webapp.json");
        const HostConfig& h = c.hostConfig;
        QVERIFY(hasEntry(c.config.env, "DB_PASSWORD=hunter2"));
        QVERIFY(hasEntry(c.config.env, "APP_MODE=prod"));
        QCOMPARE(q(c.config.labels.at("com.example.team")), QString("core"));
        QCOMPARE(q(c.config.user), QString("10001"));
        QCOMPARE(q(c.config.cmd), (QStringList{"sleep", "3600"}));

        const PortMapping* web = findPort(h.portBindings, "80/tcp");
        QVERIFY(web);
        QCOMPARE(web->bindings.size(), std::size_t(1));
        QCOMPARE(q(web->bindings[0].hostIp), QString(""));
        QCOMPARE(q(web->bindings[0].hostPort), QString("8080"));
        const PortMapping* db = findPort(h.portBindings, "5432/tcp");
        QVERIFY(db);
        QCOMPARE(q(db->bindings.at(0).hostIp), QString("127.0.0.1"));
        const PortMapping* effective = findPort(c.effectivePorts, "80/tcp");
        QVERIFY(effective);
        QCOMPARE(q(effective->bindings.at(0).hostIp), QString("0.0.0.0"));
        QVERIFY(hasEntry(c.config.exposedPorts, "80/tcp"));

        QCOMPARE(q(h.binds), (QStringList{"appdata:/data", "/etc:/host/etc:ro"}));
        QCOMPARE(c.mounts.size(), std::size_t(2));
        const auto bind = std::find_if(c.mounts.begin(), c.mounts.end(),
                                       [](const MountPoint& m) { return m.type == "bind"; });
        QVERIFY(bind != c.mounts.end());
        QCOMPARE(q(bind->source), QString("/etc"));
        QCOMPARE(q(bind->destination), QString("/host/etc"));
        QVERIFY(!bind->rw);
        QCOMPARE(q(bind->propagation), QString("rprivate"));
        const auto vol = std::find_if(c.mounts.begin(), c.mounts.end(),
                                      [](const MountPoint& m) { return m.type == "volume"; });
        QVERIFY(vol != c.mounts.end());
        QCOMPARE(q(vol->name), QString("appdata"));
        QCOMPARE(q(vol->driver), QString("local"));
        QVERIFY(vol->rw);

        QCOMPARE(q(h.tmpfs.at("/run")), QString("rw,size=16m"));
        QCOMPARE(q(h.capAdd), QStringList{"CAP_NET_ADMIN"}); // the daemon sent "NET_ADMIN"
        QCOMPARE(q(h.capDrop), QStringList{"ALL"});
        QCOMPARE(h.memory, std::int64_t(64) * 1024 * 1024);
        QVERIFY(h.readonlyRootfs);
        QCOMPARE(q(h.restartPolicy.name), QString("on-failure"));
        QCOMPARE(h.restartPolicy.maximumRetryCount, 3);
        QCOMPARE(h.ulimits.size(), std::size_t(1));
        QCOMPARE(q(h.ulimits[0].name), QString("nofile"));
        QCOMPARE(h.ulimits[0].soft, std::int64_t(1024));
        QCOMPARE(h.ulimits[0].hard, std::int64_t(2048));
        QCOMPARE(q(h.logConfig.type), QString("json-file"));
        QCOMPARE(q(h.logConfig.config.at("max-size")), QString("10m"));
        QVERIFY(h.oomKillDisable.has_value());
        QVERIFY(!*h.oomKillDisable);

        QVERIFY(c.config.healthcheck.has_value());
        QCOMPARE(q(c.config.healthcheck->test), (QStringList{"CMD-SHELL", "test -d /data"}));
        QCOMPARE(c.config.healthcheck->intervalNs, std::int64_t(30000000000));
        QCOMPARE(c.config.healthcheck->retries, 3);
        QVERIFY(c.state.health.has_value());
        QCOMPARE(q(c.state.health->status), QString("healthy"));

        QCOMPARE(c.networks.size(), std::size_t(1));
        QCOMPARE(q(c.networks[0].networkName), QString("appnet"));
        QVERIFY(hasEntry(c.networks[0].aliases, "web-alias"));
        QCOMPARE(q(c.networks[0].ipAddress), QString("172.18.0.2"));
    }

    void containerWithDevicesSysctlsAndMountFlags()
    {
        const Container c = container("api-1.41/container-noseccomp.json");
        const HostConfig& h = c.hostConfig;
        QCOMPARE(h.devices.size(), std::size_t(1));
        QCOMPARE(q(h.devices[0].pathOnHost), QString("/dev/null"));
        QCOMPARE(q(h.devices[0].pathInContainer), QString("/dev/xnull"));
        QCOMPARE(q(h.devices[0].cgroupPermissions), QString("rwm"));
        QCOMPARE(q(h.sysctls.at("net.ipv4.ip_forward")), QString("1"));
        QCOMPARE(h.mounts.size(), std::size_t(2));
        QCOMPARE(q(h.mounts[0].type), QString("volume"));
        QVERIFY(h.mounts[0].readOnly);
        QCOMPARE(q(h.mounts[1].type), QString("tmpfs"));
        QCOMPARE(h.mounts[1].tmpfsSizeBytes, std::int64_t(1048576));
        // --mount type=tmpfs shows up in Mounts[], unlike --tmpfs.
        const auto tmpfs = std::find_if(c.mounts.begin(), c.mounts.end(),
                                        [](const MountPoint& m) { return m.type == "tmpfs"; });
        QVERIFY(tmpfs != c.mounts.end());
        QCOMPARE(q(tmpfs->destination), QString("/scratch"));
    }

    void exitedContainerKeepsItsExitCode()
    {
        const Container c = container("api-1.41/container-exited.json");
        QCOMPARE(c.state.exitCode, 3);
        QVERIFY(!c.state.running);
        QCOMPARE(q(c.path), QString("sh"));
    }

    void containerListGivesEveryId()
    {
        auto ids = json::parseContainerIds(readData("api-1.41/containers-list.json"));
        QVERIFY(ids.ok());
        QCOMPARE(ids->size(), std::size_t(10));
        const Container plain = container("api-1.41/container-plain.json");
        QVERIFY(hasEntry(*ids, plain.id));
    }

    void changesAndExecSessions()
    {
        auto changes = json::parseChanges(readData("api-1.41/changes.json"));
        QVERIFY(changes.ok());
        QCOMPARE(changes->size(), std::size_t(2));
        QCOMPARE(q(changes->at(1).path), QString("/tmp/x"));
        QCOMPARE(changes->at(1).kind, 1);
        auto none = json::parseChanges("null");
        QVERIFY(none.ok());
        QVERIFY(none->empty());

        auto exec = json::parseExec(readData("api-1.41/exec-plain.json"));
        QVERIFY(exec.ok());
        QVERIFY(exec->running);
        QVERIFY(!exec->privileged);
        QCOMPARE(q(exec->user), QString("0"));
        QCOMPARE(q(exec->entrypoint), QString("sleep"));
        QCOMPARE(q(exec->arguments), QStringList{"600"});
        const Container plain = container("api-1.41/container-plain.json");
        QVERIFY(hasEntry(plain.execIds, exec->id));
    }

    void apiOneFiftyOneInspect()
    {
        auto parsed = json::parseContainer(readData("hostile/container-1.51.json"));
        QVERIFY(parsed.ok());
        const Container& c = *parsed;
        const HostConfig& h = c.hostConfig;
        QCOMPARE(q(c.name), QString("api-151"));
        QCOMPARE(q(h.capAdd), (QStringList{"CAP_SYS_PTRACE", "CAP_NET_RAW"}));
        QCOMPARE(q(h.capDrop), QStringList{"ALL"});
        QVERIFY(!h.pidsLimit.has_value()); // 0 means unlimited
        QVERIFY(startsWith(h.securityOpt.at(0), "seccomp={\"defaultAction\""));
        QVERIFY(c.config.entrypoint.has_value());
        QVERIFY(c.config.entrypoint->empty());
        QVERIFY(c.config.cmd.empty());
        QCOMPARE(c.config.stopTimeout.value_or(-1), 30);
        QCOMPARE(c.config.healthcheck->startPeriodNs, std::int64_t(5000000000));
        QCOMPARE(q(c.state.health->status), QString("unhealthy"));
        QCOMPARE(c.state.health->failingStreak, 4);
        QCOMPARE(c.mounts.size(), std::size_t(3));
        QCOMPARE(q(c.mounts[1].type), QString("image"));
        QCOMPARE(q(h.mounts[0].bindPropagation), QString("rslave"));
        QCOMPARE(q(h.mounts[2].volumeDriver), QString("local"));
        QCOMPARE(q(h.mounts[2].volumeDriverOptions.at("type")), QString("nfs"));
        const PortMapping* unbound = findPort(c.effectivePorts, "9100/tcp");
        QVERIFY(unbound);
        QVERIFY(unbound->bindings.empty());
        QCOMPARE(findPort(c.effectivePorts, "8443/tcp")->bindings.size(), std::size_t(2));
        QCOMPARE(q(findPort(h.portBindings, "9000/tcp")->bindings.at(0).hostPort), QString(""));
        QCOMPARE(h.deviceRequests.at(0).count, -1);
        QCOMPARE(q(h.deviceRequests.at(0).capabilities.at(0)), (QStringList{"gpu", "compute"}));
        QCOMPARE(h.init.value_or(false), true);
        QVERIFY(!h.oomKillDisable.has_value());
        QCOMPARE(q(c.networks.at(0).globalIPv6Address), QString("fd00::4"));
        QCOMPARE(q(c.appArmorProfile), QString("docker-default"));
    }

    // --- images ---------------------------------------------------------------------------------------

    void builtImage()
    {
        auto parsed = json::parseImage(readData("api-1.41/image-app.json"));
        QVERIFY(parsed.ok());
        const Image& i = *parsed;
        QCOMPARE(q(i.repoTags), QStringList{"drydock-test/app:1"});
        QCOMPARE(q(i.config.user), QString("10001"));
        QVERIFY(hasEntry(i.config.env, "APP_HOME=/home/app"));
        QVERIFY(hasEntry(i.config.exposedPorts, "8080/tcp"));
        QVERIFY(hasEntry(i.config.volumes, "/home/app/data"));
        QCOMPARE(q(i.config.workingDir), QString("/home/app"));
        QVERIFY(i.config.healthcheck.has_value());
        QCOMPARE(i.config.healthcheck->timeoutNs, std::int64_t(5000000000));
        QCOMPARE(q(i.config.labels.at("org.opencontainers.image.title")), QString("drydock-app"));
        QCOMPARE(i.rootfsLayers.size(), std::size_t(2));
        QVERIFY(i.createdUnix > 1700000000);
        QCOMPARE(i.createdUnix, parseRfc3339(i.created).value_or(-1));
        QCOMPARE(q(i.architecture), QString("amd64"));
        QCOMPARE(q(i.displayName()), QString("drydock-test/app:1"));

        auto history = json::parseHistory(readData("api-1.41/history-app.json"));
        QVERIFY(history.ok());
        QCOMPARE(history->size(), std::size_t(11));
        const auto run = std::find_if(history->begin(), history->end(), [](const ImageHistoryEntry& h) {
            return startsWith(h.createdBy, "|1 BUILD_TOKEN=");
        });
        QVERIFY(run != history->end());
        QVERIFY(run->created > 1700000000);
        QCOMPARE(q(history->front().tags), QStringList{"drydock-test/app:1"});
    }

    void importedImage()
    {
        auto parsed = json::parseImage(readData("api-1.41/image-busybox.json"));
        QVERIFY(parsed.ok());
        QCOMPARE(q(parsed->config.cmd), QStringList{"sh"});
        QVERIFY(!parsed->config.healthcheck.has_value());
        auto history = json::parseHistory(readData("api-1.41/history-busybox.json"));
        QVERIFY(history.ok());
        QCOMPARE(history->size(), std::size_t(1));
        QCOMPARE(q(history->at(0).comment), QString("Imported from -"));
        QVERIFY(history->at(0).createdBy.empty());

        auto ids = json::parseImageIds(readData("api-1.41/images-list.json"));
        QVERIFY(ids.ok());
        QCOMPARE(ids->size(), std::size_t(2));
        QVERIFY(hasEntry(*ids, parsed->id));
    }

    // --- networks, volumes, plugins ------------------------------------------------------------------

    void networks()
    {
        auto list = json::parseNetworks(readData("api-1.41/networks-list.json"));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), std::size_t(5));
        const auto ingress =
            std::find_if(list->begin(), list->end(), [](const Network& n) { return n.name == "ingress"; });
        QVERIFY(ingress != list->end());
        QVERIFY(ingress->ingress);
        QCOMPARE(q(ingress->scope), QString("swarm"));

        auto appnet = json::parseNetwork(readData("api-1.41/network-appnet.json"));
        QVERIFY(appnet.ok());
        QCOMPARE(q(appnet->driver), QString("bridge"));
        QCOMPARE(q(appnet->labels.at("team")), QString("core"));
        QCOMPARE(q(appnet->ipam.at(0).subnet), QString("172.18.0.0/16"));
        QCOMPARE(appnet->containers.size(), std::size_t(1));
        QCOMPARE(q(appnet->containers[0].name), QString("webapp"));
        QCOMPARE(q(appnet->containers[0].ipv4Address), QString("172.18.0.2/16"));
        QVERIFY(!appnet->isDefaultBridge());
    }

    void volumes()
    {
        auto list = json::parseVolumes(readData("api-1.41/volumes.json"));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), std::size_t(3));
        const auto tmp =
            std::find_if(list->begin(), list->end(), [](const Volume& v) { return v.name == "tmpvol"; });
        QVERIFY(tmp != list->end());
        QCOMPARE(q(tmp->options.at("type")), QString("tmpfs"));
        QCOMPARE(q(tmp->options.at("device")), QString("tmpfs"));
        QCOMPARE(q(tmp->options.at("o")), QString("size=1m"));
        const auto data =
            std::find_if(list->begin(), list->end(), [](const Volume& v) { return v.name == "appdata"; });
        QCOMPARE(q(data->labels.at("purpose")), QString("data"));
        QCOMPARE(q(data->driver), QString("local"));
        auto none = json::parseVolumes(R"({"Volumes":null,"Warnings":null})");
        QVERIFY(none.ok());
        QVERIFY(none->empty());
    }

    void plugins()
    {
        auto empty = json::parsePlugins(readData("api-1.41/plugins.json"));
        QVERIFY(empty.ok());
        QVERIFY(empty->empty());
        // Shape from the v1.41 spec: a plugin that asks for host privileges.
        const char* body =
            R"([{"Id":"5724e2c8652da337ab2eedd19fc6fc0ec908e4bd907c7421bf6a8dfc70c4c078","Name":"tiborvass/sample-volume-plugin","Enabled":true,
            "Settings":{"Mounts":[{"Source":"/var/lib/docker/plugins/","Destination":"/mnt/state"}],"Env":["DEBUG=0"],"Args":null,"Devices":null},
            "Config":{"Network":{"Type":"host"},"Linux":{"Capabilities":["sys_admin","CAP_SYS_MODULE"],"AllowAllDevices":true,"Devices":null},
                      "PidHost":true,"IpcHost":false,"Mounts":[{"Source":"/","Destination":"/host"},{"Source":null}]}}])";
        auto list = json::parsePlugins(body);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), std::size_t(1));
        const Plugin& p = list->at(0);
        QVERIFY(p.enabled);
        QCOMPARE(q(p.capabilities), (QStringList{"CAP_SYS_ADMIN", "CAP_SYS_MODULE"}));
        QVERIFY(p.allowAllDevices);
        QCOMPARE(q(p.networkType), QString("host"));
        QVERIFY(p.pidHost);
        QVERIFY(!p.ipcHost);
        QCOMPARE(q(p.mountSources), (QStringList{"/", "/var/lib/docker/plugins/"}));
    }

    // --- daemon ---------------------------------------------------------------------------------------

    void daemonInfoAndVersion()
    {
        DaemonInfo d;
        QVERIFY(json::parseInfo(readData("api-1.41/info.json"), d).ok());
        QVERIFY(json::parseVersion(readData("api-1.41/version.json"), d).ok());
        QCOMPARE(q(d.serverVersion), QString("20.10.24+dfsg1"));
        QCOMPARE(q(d.apiVersion), QString("1.41"));
        QCOMPARE(q(d.minApiVersion), QString("1.12"));
        QCOMPARE(q(d.gitCommit), QString("5d6db84"));
        QCOMPARE(q(d.goVersion), QString("go1.19.8"));
        QCOMPARE(q(d.os), QString("linux"));
        QCOMPARE(q(d.osType), QString("linux"));
        QCOMPARE(q(d.driver), QString("overlay2"));
        QCOMPARE(q(d.cgroupVersion), QString("1"));
        QCOMPARE(q(d.securityOptions), QStringList{"name=seccomp,profile=default"});
        QVERIFY(d.hasSecurityOption("seccomp"));
        QVERIFY(d.warnings.empty()); // null in the answer
        QVERIFY(hasEntry(d.runtimes, "runc"));
        QVERIFY(d.authorizationPlugins.empty());
        QCOMPARE(q(d.volumePlugins), QStringList{"local"});
        QVERIFY(hasEntry(d.networkPlugins, "overlay"));
        QVERIFY(hasEntry(d.logPlugins, "json-file"));
        QCOMPARE(q(d.insecureRegistryCidrs), QStringList{"127.0.0.0/8"});
        QCOMPARE(d.indexConfigs.size(), std::size_t(1));
        QCOMPARE(q(d.indexConfigs[0].name), QString("docker.io"));
        QVERIFY(d.indexConfigs[0].secure);
        QVERIFY(d.indexConfigs[0].official);
        QCOMPARE(q(d.runcCommit), QString("1.1.5+ds1-1+deb12u1"));
        QCOMPARE(q(d.containerdCommit), QString("1.6.20~ds1-1+deb12u3"));
        QVERIFY(d.memTotal > 0);
        QVERIFY(d.ncpu > 0);
        QCOMPARE(q(d.swarm.localNodeState), QString("inactive"));
        QCOMPARE(d.components.size(), std::size_t(4));
        QCOMPARE(q(d.components[0].name), QString("Engine"));
        QCOMPARE(q(d.components[0].details.at("ApiVersion")), QString("1.41"));
    }

    void daemonInfoOfASwarmManager()
    {
        DaemonInfo d;
        QVERIFY(json::parseInfo(readData("api-1.41/info-swarm.json"), d).ok());
        QCOMPARE(q(d.swarm.localNodeState), QString("active"));
        QVERIFY(d.swarm.controlAvailable);
        QCOMPARE(d.swarm.managers, 1);
        QCOMPARE(d.swarm.nodes, 1);
        QCOMPARE(q(d.swarm.nodeAddr), QString("127.0.0.1"));
        QVERIFY(!d.swarm.nodeId.empty());
    }

    void daemonInfoWithEverythingSet()
    {
        // Hand-made from the spec: fields the sandbox daemon cannot show.
        const char* body = "{\"ID\":\"x\",\"Warnings\":[\"WARNING: API is accessible on http://0.0.0.0:2375 "
                           "without encryption.\"],\n"
                           "            "
                           "\"HttpProxy\":\"http://"
                           "user:pw123456@proxy:3128\",\"NoProxy\":\"localhost\",\"Debug\":true,"
                           "\"LiveRestoreEnabled\":true,\n"
                           "            "
                           "\"Plugins\":{\"Authorization\":[\"authz-broker\"]},\"SwapLimit\":false,"
                           "\"KernelMemory\":null,\"CgroupVersion\":\"2\",\n"
                           "            "
                           "\"RegistryConfig\":{\"Mirrors\":[\"https://mirror.example/"
                           "\"],\"IndexConfigs\":{\"reg.example:5000\":{\"Secure\":false,\"Official\":false,"
                           "\"Mirrors\":null}}},\n"
                           "            "
                           "\"InitCommit\":{\"ID\":\"de40ad0\",\"Expected\":\"de40ad0\"},\"Runtimes\":{"
                           "\"runc\":{\"path\":\"runc\"},\"runsc\":{\"path\":\"/usr/bin/runsc\"}}}";
        DaemonInfo d;
        QVERIFY(json::parseInfo(body, d).ok());
        QCOMPARE(d.warnings.size(), std::size_t(1));
        QCOMPARE(q(d.httpProxy), QString("http://user:pw123456@proxy:3128")); // verbatim in the model
        QVERIFY(d.debug);
        QVERIFY(d.liveRestoreEnabled);
        QCOMPARE(q(d.authorizationPlugins), QStringList{"authz-broker"});
        QVERIFY(!d.swapLimit);
        QVERIFY(d.kernelMemory); // null keeps the "supported" default
        QCOMPARE(q(d.registryMirrors), QStringList{"https://mirror.example/"});
        QCOMPARE(q(d.indexConfigs.at(0).name), QString("reg.example:5000"));
        QVERIFY(!d.indexConfigs.at(0).secure);
        QCOMPARE(q(d.initCommit), QString("de40ad0"));
        QCOMPARE(q(d.runtimes), (QStringList{"runc", "runsc"}));
    }

    // --- swarm ----------------------------------------------------------------------------------------

    void swarmCluster()
    {
        auto s = json::parseSwarm(readData("api-1.41/swarm.json"));
        QVERIFY(s.ok());
        QVERIFY(!s->id.empty());
        QVERIFY(!s->autoLockManagers);
        QCOMPARE(s->nodeCertExpiryNs, std::int64_t(7776000000000000));
        QVERIFY(startsWith(s->trustRootPem, "-----BEGIN CERTIFICATE-----"));
        QVERIFY(!s->rootRotationInProgress);
        QVERIFY(startsWith(s->createdAt, "2026-"));
    }

    void unlockKey_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("set");
        QTest::newRow("the recorded answer of an unlocked swarm has no key")
            << QString::fromStdString(readData("api-1.41/unlockkey.json")) << true << false;
        QTest::newRow("a key present means autolock is on")
            << R"({"UnlockKey":"SWMKEY-1-notreal"})" << true << true;
        QTest::newRow("a missing key counts as none") << "{}" << true << false;
        QTest::newRow("a key of the wrong type counts as none") << R"({"UnlockKey":42})" << true << false;
        QTest::newRow("an array at the top is an error") << "[]" << false << false;
    }
    void unlockKey()
    {
        QFETCH(QString, body);
        QFETCH(bool, ok);
        QFETCH(bool, set);
        auto r = json::parseUnlockKeySet(body.toStdString());
        QCOMPARE(r.ok(), ok);
        if (ok) {
            QCOMPARE(*r, set);
        }
    }

    void swarmNodes()
    {
        auto nodes = json::parseNodes(readData("api-1.41/nodes.json"));
        QVERIFY(nodes.ok());
        QCOMPARE(nodes->size(), std::size_t(1));
        const SwarmNode& n = nodes->at(0);
        QCOMPARE(q(n.role), QString("manager"));
        QCOMPARE(q(n.availability), QString("active"));
        QCOMPARE(q(n.state), QString("ready"));
        QVERIFY(n.leader);
        QCOMPARE(q(n.engineVersion), QString("20.10.24+dfsg1"));
        QCOMPARE(q(n.addr), QString("127.0.0.1"));
        QVERIFY(startsWith(n.tlsTrustRootPem, "-----BEGIN CERTIFICATE-----"));
    }

    void swarmServices()
    {
        auto services = json::parseServices(readData("api-1.41/services.json"));
        QVERIFY(services.ok());
        QCOMPARE(services->size(), std::size_t(2));
        const auto web = std::find_if(services->begin(), services->end(),
                                      [](const SwarmService& s) { return s.name == "web"; });
        QVERIFY(web != services->end());
        QCOMPARE(q(web->image), QString("drydock-test/busybox:1"));
        QCOMPARE(q(web->env), QStringList{"API_TOKEN=abc123"});
        QCOMPARE(q(web->user), QString("10001"));
        QVERIFY(web->readOnly);
        QCOMPARE(q(web->args), (QStringList{"sleep", "3600"}));
        QCOMPARE(q(web->capabilityAdd), QStringList{"CAP_NET_ADMIN"});
        QCOMPARE(web->mounts.size(), std::size_t(1));
        QCOMPARE(q(web->mounts[0].source), QString("svcdata"));
        QCOMPARE(web->secrets.size(), std::size_t(1));
        QCOMPARE(q(web->secrets[0].name), QString("db_password"));
        QCOMPARE(q(web->secrets[0].fileName), QString("db_pass"));
        QCOMPARE(q(web->secrets[0].uid), QString("10001"));
        QCOMPARE(web->secrets[0].mode, 0400);
        QCOMPARE(web->configs.size(), std::size_t(1));
        QCOMPARE(q(web->configs[0].name), QString("app_config"));
        QCOMPARE(q(web->configs[0].fileName), QString("/etc/app.conf"));
        QCOMPARE(web->configs[0].mode, 0444);
        QCOMPARE(web->memoryLimitBytes, std::int64_t(64) * 1024 * 1024);
        QCOMPARE(web->pidsLimit, std::int64_t(50));
        QCOMPARE(q(web->restartCondition), QString("on-failure"));
        QCOMPARE(web->restartMaxAttempts, std::int64_t(3));
        QCOMPARE(web->ports.size(), std::size_t(1));
        QCOMPARE(q(web->ports[0].protocol), QString("tcp"));
        QCOMPARE(web->ports[0].targetPort, 80);
        QCOMPARE(web->ports[0].publishedPort, 8081);
        QCOMPARE(q(web->ports[0].publishMode), QString("ingress"));
        QCOMPARE(q(web->mode), QString("replicated"));
        QCOMPARE(web->replicas, std::uint64_t(2));
        const auto agent = std::find_if(services->begin(), services->end(),
                                        [](const SwarmService& s) { return s.name == "agent"; });
        QVERIFY(agent != services->end());
        QCOMPARE(q(agent->mode), QString("global"));
        QVERIFY(agent->ports.empty());
    }

    void swarmServiceFromSpecOnly()
    {
        // Before the endpoint is set up only Spec.EndpointSpec has the ports; SELinux can be switched off.
        const char* body =
            R"([{"ID":"s1","Spec":{"Name":"db","TaskTemplate":{"ContainerSpec":{"Image":"postgres:16",
            "Command":["postgres"],"CapabilityDrop":["ALL"],"Privileges":{"SELinuxContext":{"Disable":true}}},
            "Resources":{"Limits":{"NanoCPUs":500000000}}},"Mode":{"ReplicatedJob":{"TotalCompletions":3}},
            "EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":5432,"PublishedPort":5432,"PublishMode":"host"}]}},
            "Endpoint":{"Spec":{}}}])";
        auto services = json::parseServices(body);
        QVERIFY(services.ok());
        const SwarmService& s = services->at(0);
        QCOMPARE(q(s.command), QStringList{"postgres"});
        QCOMPARE(q(s.capabilityDrop), QStringList{"ALL"});
        QVERIFY(s.selinuxDisabled);
        QCOMPARE(s.nanoCpusLimit, std::int64_t(500000000));
        QCOMPARE(q(s.mode), QString("replicated-job"));
        QCOMPARE(s.replicas, std::uint64_t(3));
        QCOMPARE(s.ports.size(), std::size_t(1));
        QCOMPARE(q(s.ports[0].publishMode), QString("host"));
    }

    void swarmSecretsAndConfigs()
    {
        auto secrets = json::parseSecrets(readData("api-1.41/secrets.json"));
        QVERIFY(secrets.ok());
        QCOMPARE(secrets->size(), std::size_t(1));
        QCOMPARE(q(secrets->at(0).name), QString("db_password"));

        auto configs = json::parseConfigs(readData("api-1.41/configs.json"));
        QVERIFY(configs.ok());
        QCOMPARE(configs->size(), std::size_t(1));
        QCOMPARE(q(configs->at(0).name), QString("app_config"));
        QCOMPARE(q(configs->at(0).data), QString("config-data-xyzzy: value\n"));
    }

    void configDataDecoding_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("padded base64 decodes") << "aGVsbG8="
                                               << "hello";
        QTest::newRow("unpadded base64 decodes") << "aGVsbG8"
                                                 << "hello";
        QTest::newRow("an empty value stays empty") << ""
                                                    << "";
        QTest::newRow("a foreign character keeps the data empty") << "aGVs*G8="
                                                                  << "";
        QTest::newRow("data after padding keeps the data empty") << "aGVsbG8=aGVs"
                                                                 << "";
        QTest::newRow("a lone trailing symbol keeps the data empty") << "aGVsbG8xa"
                                                                     << "";
    }
    void configDataDecoding()
    {
        QFETCH(QString, data);
        QFETCH(QString, decoded);
        const std::string body =
            "[{\"ID\":\"c\",\"Spec\":{\"Name\":\"n\",\"Data\":\"" + data.toStdString() + "\"}}]";
        auto configs = json::parseConfigs(body);
        QVERIFY(configs.ok());
        QCOMPARE(q(configs->at(0).data), decoded);
    }

    // --- events and errors ----------------------------------------------------------------------------

    void events()
    {
        const std::string all = readData("api-1.41/events.jsonl");
        std::vector<DockerEvent> events;
        for (const auto& line : split(all, '\n')) {
            if (trim(line).empty()) {
                continue;
            }
            auto e = json::parseEvent(line);
            QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
            QVERIFY(e->timeUnix > 1700000000);
            QVERIFY(!e->type.empty());
            events.push_back(std::move(e).value());
        }
        QCOMPARE(events.size(), std::size_t(12));
        QCOMPARE(q(events[0].type), QString("container"));
        QCOMPARE(q(events[0].action), QString("create"));
        QCOMPARE(q(events[0].attributes.at("name")), QString("webapp"));
        QCOMPARE(events[0].actorId.size(), std::size_t(64));
        QCOMPARE(q(events[2].action), QString("exec_create: sleep 600"));
        QCOMPARE(q(events[4].attributes.at("exitCode")), QString("3"));
        QCOMPARE(q(events[6].type), QString("volume"));
        QCOMPARE(q(events[6].actorId), QString("appdata"));
        QCOMPARE(q(events[11].type), QString("config"));

        auto legacy =
            json::parseEvent(R"({"status":"die","id":"abc","from":"img","timeNano":1795919306553273344})");
        QVERIFY(legacy.ok());
        QCOMPARE(q(legacy->action), QString("die"));
        QCOMPARE(q(legacy->actorId), QString("abc"));
        QCOMPARE(legacy->timeUnix, std::int64_t(1795919306));
        QVERIFY(!json::parseEvent("{\"Type\":\"contai").ok());
    }

    void errorMessages_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("the daemon's message is returned") << R"({"message":"No such container: x"})"
                                                          << "No such container: x";
        QTest::newRow("a body that is not JSON has no message") << "404 page not found"
                                                                << "";
        QTest::newRow("a message of the wrong type is ignored") << R"({"message":5})"
                                                                << "";
        QTest::newRow("an array has no message") << R"(["message"])"
                                                 << "";
        QTest::newRow("an empty body has no message") << ""
                                                      << "";
    }
    void errorMessages()
    {
        QFETCH(QString, body);
        QFETCH(QString, message);
        QCOMPARE(q(json::parseErrorMessage(body.toStdString())), message);
    }

    // --- hostile input ----------------------------------------------------------------------------------

    void hostileBodies_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a truncated inspect is refused")
            << QString::fromStdString(readData("hostile/truncated.json")) << "missing closing quote";
        QTest::newRow("an array where an object belongs is refused")
            << QString::fromStdString(readData("hostile/wrong-top-level.json"))
            << "expected an object at the top, got an array";
        QTest::newRow("ten thousand nested objects are refused before parsing")
            << QString::fromStdString(readData("hostile/deep-nesting.json")) << "nests deeper than";
        QTest::newRow("an empty body is refused") << ""
                                                  << "the body is empty";
        QTest::newRow("a bare null is refused") << "null"
                                                << "got null";
        QTest::newRow("an HTML error page is refused") << "<html><body>502 Bad Gateway</body></html>"
                                                       << "syntax error";
    }
    void hostileBodies()
    {
        QFETCH(QString, body);
        QFETCH(QString, reason);
        auto r = json::parseContainer(body.toStdString());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::MalformedResponse);
        const QString message = q(r.error().message);
        QVERIFY2(message.startsWith("The daemon sent a container inspect that is not valid JSON ("),
                 qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
    }

    void parseErrorsDoNotQuoteTheBody()
    {
        // nlohmann's "last read" would echo the broken token: here the middle of a password.
        auto r = json::parseContainer("{\"Config\":{\"Env\":[\"DB_PASSWORD=hunter2\x01\"]}}");
        QVERIFY(!r.ok());
        QVERIFY2(!contains(r.error().message, "hunter2"), r.error().message.c_str());
    }

    void everyParserRefusesBrokenJson_data()
    {
        QTest::addColumn<Parser>("parse");
        QTest::addColumn<QString>("kind");
        QTest::newRow("container list") << wrap(json::parseContainerIds) << "container list";
        QTest::newRow("container inspect") << wrap(json::parseContainer) << "container inspect";
        QTest::newRow("container changes") << wrap(json::parseChanges) << "container changes list";
        QTest::newRow("exec inspect") << wrap(json::parseExec) << "exec inspect";
        QTest::newRow("image list") << wrap(json::parseImageIds) << "image list";
        QTest::newRow("image inspect") << wrap(json::parseImage) << "image inspect";
        QTest::newRow("image history") << wrap(json::parseHistory) << "image history";
        QTest::newRow("network list") << wrap(json::parseNetworks) << "network list";
        QTest::newRow("network inspect") << wrap(json::parseNetwork) << "network inspect";
        QTest::newRow("volume list") << wrap(json::parseVolumes) << "volume list";
        QTest::newRow("plugin list") << wrap(json::parsePlugins) << "plugin list";
        QTest::newRow("system info") << Parser([](std::string_view b, std::string* m) {
            DaemonInfo d;
            auto r = json::parseInfo(b, d);
            if (!r) {
                *m = r.error().message;
            }
            return r.ok();
        }) << "system info";
        QTest::newRow("version") << Parser([](std::string_view b, std::string* m) {
            DaemonInfo d;
            auto r = json::parseVersion(b, d);
            if (!r) {
                *m = r.error().message;
            }
            return r.ok();
        }) << "version answer";
        QTest::newRow("swarm inspect") << wrap(json::parseSwarm) << "swarm inspect";
        QTest::newRow("swarm unlock key") << wrap(json::parseUnlockKeySet) << "swarm unlock key answer";
        QTest::newRow("node list") << wrap(json::parseNodes) << "node list";
        QTest::newRow("service list") << wrap(json::parseServices) << "service list";
        QTest::newRow("secret list") << wrap(json::parseSecrets) << "secret list";
        QTest::newRow("config list") << wrap(json::parseConfigs) << "config list";
        QTest::newRow("event") << wrap(json::parseEvent) << "event";
    }
    void everyParserRefusesBrokenJson()
    {
        QFETCH(Parser, parse);
        QFETCH(QString, kind);
        for (const char* body : {"{", "[", "\"text\"", "42", "{\"a\":tru}", "[1,]"}) {
            std::string message;
            QVERIFY2(!parse(body, &message), body);
            QVERIFY2(startsWith(message, "The daemon sent a"), message.c_str());
            QVERIFY2(contains(message, kind.toStdString() + " that is not valid JSON ("), message.c_str());
        }
        // Ten thousand nested arrays: refused, not a stack overflow.
        std::string message;
        QVERIFY(!parse(std::string(10000, '[') + std::string(10000, ']'), &message));
        QVERIFY2(contains(message, "nests deeper"), message.c_str());
    }

    void nestingWithinTheLimitIsFine()
    {
        const std::string deep = R"({"Id":"x","Config":{"Labels":{"l":"v"}},"Extra":)" +
                                 std::string(100, '[') + std::string(100, ']') + "}";
        auto r = json::parseContainer(deep);
        QVERIFY(r.ok());
        QCOMPARE(q(r->config.labels.at("l")), QString("v"));
    }

    void nullsEverywhere()
    {
        auto r = json::parseContainer(readData("hostile/nulls-everywhere.json"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const Container& c = *r;
        QVERIFY(c.id.empty());
        QVERIFY(c.name.empty());
        QVERIFY(c.args.empty());
        QVERIFY(!c.state.health.has_value());
        QVERIFY(!c.hostConfig.maskedPaths.has_value());
        QVERIFY(!c.hostConfig.pidsLimit.has_value());
        QVERIFY(!c.hostConfig.oomKillDisable.has_value());
        QVERIFY(!c.hostConfig.init.has_value());
        QVERIFY(c.hostConfig.capAdd.empty());
        QVERIFY(c.hostConfig.portBindings.empty());
        QVERIFY(!c.config.entrypoint.has_value());
        QVERIFY(!c.config.healthcheck.has_value());
        QVERIFY(!c.config.stopTimeout.has_value());
        QVERIFY(c.mounts.empty());
        QVERIFY(c.networks.empty());
        QVERIFY(c.effectivePorts.empty());
    }

    void wrongTypesFallBackToDefaults()
    {
        auto r = json::parseContainer(readData("hostile/wrong-types.json"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const Container& c = *r;
        const HostConfig& h = c.hostConfig;
        QVERIFY(c.id.empty());
        QVERIFY(c.name.empty());
        QCOMPARE(q(c.args), QStringList{"single-string-arg"});
        QVERIFY(c.state.status.empty());
        QVERIFY(!h.pidsLimit.has_value()); // "100" as a string is not a number
        QVERIFY(!h.privileged);            // "true" as a string is not a boolean
        QCOMPARE(q(h.capAdd), QStringList{"CAP_NET_ADMIN"});
        QCOMPARE(h.memory, std::int64_t(0));      // 1e300 has no integer value
        QCOMPARE(h.memorySwap, std::int64_t(-1)); // -1.5 truncates
        QCOMPARE(h.cpuShares, std::numeric_limits<std::int64_t>::max());
        QVERIFY(!h.maskedPaths.has_value());
        QVERIFY(h.tmpfs.empty());
        QCOMPARE(h.portBindings.size(), std::size_t(2));
        QVERIFY(findPort(h.portBindings, "80/tcp")->bindings.empty());
        QCOMPARE(q(findPort(h.portBindings, "443/tcp")->bindings.at(0).hostPort), QString(""));
        QCOMPARE(h.ulimits.size(), std::size_t(1));
        QCOMPARE(h.ulimits[0].soft, std::int64_t(0));
        QCOMPARE(h.ulimits[0].hard, std::int64_t(2048));
        QVERIFY(h.logConfig.type.empty());
        QCOMPARE(q(h.logConfig.config.at("max-size")), QString("10"));
        QCOMPARE(q(h.logConfig.config.at("flag")), QString("true"));
        QCOMPARE(q(h.logConfig.config.at("nested")), QString(""));
        QCOMPARE(h.mounts.size(), std::size_t(1));
        QVERIFY(!h.mounts[0].readOnly);
        QVERIFY(h.restartPolicy.name.empty());
        QCOMPARE(q(c.config.env), QStringList{"OK=1"});
        QCOMPARE(q(c.config.entrypoint.value_or(StringList{})), QStringList{"/bin/sh"});
        QCOMPARE(q(c.config.labels.at("b")), QString("false"));
        QCOMPARE(q(c.config.labels.at("n")), QString(""));
        QVERIFY(!c.config.healthcheck.has_value());
        QVERIFY(!c.config.stopTimeout.has_value());
        QVERIFY(c.config.exposedPorts.empty());
        QVERIFY(c.mounts.empty());
        QVERIFY(c.networks.empty());
        QCOMPARE(c.effectivePorts.size(), std::size_t(1));
        QVERIFY(c.effectivePorts[0].bindings.empty());
    }

    void invalidUtf8IsReplacedNotFatal()
    {
        auto r = json::parseContainer(readData("hostile/invalid-utf8-name.json"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(q(r->name), QString::fromUtf8("bad\xEF\xBF\xBD\xEF\xBF\xBD-name\xEF\xBF\xBD"));
        QCOMPARE(r->id.size(), std::size_t(64));
        QCOMPARE(q(r->hostConfig.networkMode), QString("default"));
    }

    void oneMegabyteLabel()
    {
        const std::string body = inspectWithHugeLabel(1024 * 1024);
        QVERIFY(!body.empty());
        auto r = json::parseContainer(body);
        QVERIFY(r.ok());
        QCOMPARE(r->config.labels.at("huge").size(), std::size_t(1024 * 1024));
        QCOMPARE(q(r->name), QString("plain"));
    }
};

QTEST_GUILESS_MAIN(TestModelParser)
#include "TestModelParser.moc"
