#include "core/rules/FindingCollector.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleContext.h"
#include "core/rules/container/ContainerFacts.h"
#include "core/rules/container/ContainerRules.h"

#include <QtTest>

#include <functional>
#include <set>

namespace ctrtest {

using namespace drydock;

// One container under test in an otherwise small snapshot, plus the scan settings.
struct Scenario
{
    Inventory inventory;
    ScanSettings settings;

    Container& container() { return inventory.containers.front(); }
    Image& image() { return inventory.images.front(); }
};

using Setup = std::function<void(Scenario&)>;

const std::string kContainerId = "c0" + std::string(62, 'c');
const std::string kPeerId = "d0" + std::string(62, 'd');
const std::string kImageId = "sha256:a0" + std::string(62, 'a');
const std::string kNewImageId = "sha256:b0" + std::string(62, 'b');
const std::string kDigest = "sha256:" + std::string(64, 'e');

// A hardened container on a cgroup v1 daemon: no container rule fires on it, so each row shows the one
// setting that makes a rule fire.
Scenario hardened()
{
    Scenario s;
    s.inventory.endpoint = "unix:///var/run/docker.sock";
    s.inventory.daemon.securityOptions = {"name=seccomp,profile=default"};
    s.inventory.daemon.cgroupVersion = "1";

    Image image;
    image.id = kImageId;
    image.repoTags = {"drydock-test/app:1.0"};
    image.repoDigests = {"drydock-test/app@" + kDigest};
    image.config.entrypoint = StringList{"/app/server"};
    image.history = {{"", 0, "COPY /out/app /app/server # buildkit", {}, 0, ""},
                     {"", 0, "/bin/sh -c #(nop) ADD file:0123 in / ", {}, 0, ""}};
    s.inventory.images.push_back(image);

    Container c;
    c.id = kContainerId;
    c.name = "web";
    c.path = "/app/server";
    c.imageId = kImageId;
    c.state.status = "running";
    c.state.running = true;
    c.config.user = "10001:10001";
    c.config.image = "drydock-test/app:1.0@" + kDigest;
    c.config.entrypoint = StringList{"/app/server"};
    c.hostConfig.networkMode = "default";
    c.hostConfig.ipcMode = "private";
    c.hostConfig.cgroupnsMode = "private";
    c.hostConfig.capDrop = {"ALL"};
    c.hostConfig.readonlyRootfs = true;
    c.hostConfig.maskedPaths = StringList{"/proc/asound", "/proc/kcore", "/proc/keys", "/sys/firmware"};
    c.hostConfig.readonlyPaths = StringList{"/proc/bus", "/proc/fs", "/proc/sys", "/proc/sysrq-trigger"};
    c.hostConfig.pidsLimit = 256;
    s.inventory.containers.push_back(c);
    return s;
}

MountPoint bind(const std::string& source, const std::string& destination, bool rw)
{
    MountPoint m;
    m.type = "bind";
    m.source = source;
    m.destination = destination;
    m.mode = rw ? "" : "ro";
    m.rw = rw;
    m.propagation = "rprivate";
    return m;
}

MountPoint volume(const std::string& name, const std::string& destination)
{
    MountPoint m;
    m.type = "volume";
    m.name = name;
    m.source = "/var/lib/docker/volumes/" + name + "/_data";
    m.destination = destination;
    m.driver = "local";
    m.rw = true;
    return m;
}

Setup nothing()
{
    return [](Scenario&) {};
}
Setup user(std::string u)
{
    return [u](Scenario& s) { s.container().config.user = u; };
}
Setup capAdd(StringList caps, StringList drop = {"ALL"})
{
    return [caps, drop](Scenario& s) {
        s.container().hostConfig.capAdd = caps;
        s.container().hostConfig.capDrop = drop;
    };
}
Setup capDrop(StringList drop)
{
    return [drop](Scenario& s) { s.container().hostConfig.capDrop = drop; };
}
Setup mounts(std::vector<MountPoint> list, std::string ownSocket = {})
{
    return [list, ownSocket](Scenario& s) {
        s.container().mounts = list;
        s.settings.ownSocketPath = ownSocket;
    };
}
Setup env(StringList list)
{
    return [list](Scenario& s) { s.container().config.env = list; };
}
Setup imageRef(std::string reference)
{
    return [reference](Scenario& s) { s.container().config.image = reference; };
}
Setup both(Setup a, Setup b)
{
    return [a, b](Scenario& s) {
        a(s);
        b(s);
    };
}

QString describe(const RunEdit& edit)
{
    static const std::map<RunEdit::Op, QString> names{{RunEdit::Op::AddFlag, "AddFlag"},
                                                      {RunEdit::Op::RemoveFlag, "RemoveFlag"},
                                                      {RunEdit::Op::RemoveValue, "RemoveValue"},
                                                      {RunEdit::Op::RemoveMount, "RemoveMount"},
                                                      {RunEdit::Op::ReadOnlyMount, "ReadOnlyMount"},
                                                      {RunEdit::Op::BindPortToLoopback, "BindPortToLoopback"},
                                                      {RunEdit::Op::RemovePort, "RemovePort"},
                                                      {RunEdit::Op::ReplaceEnvSecret, "ReplaceEnvSecret"}};
    QString text = names.at(edit.op) + " " + QString::fromStdString(edit.flag);
    if (!edit.value.empty()) {
        text += " " + QString::fromStdString(edit.value);
    }
    return text;
}

QStringList describe(const std::vector<RunEdit>& edits)
{
    QStringList out;
    for (const auto& e : edits) {
        out << describe(e);
    }
    return out;
}

} // namespace ctrtest

Q_DECLARE_METATYPE(ctrtest::Setup)

using namespace drydock;
using namespace ctrtest;

// Checks the container rules CTR-001 … CTR-025 on hand-made snapshots, and the facts they share.
class TestContainerRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void catalogueIsComplete();
    void ruleOutcome_data();
    void ruleOutcome();
    void eachCapabilityIsItsOwnFinding();
    void eachMountIsReportedByTheRightRules_data();
    void eachMountIsReportedByTheRightRules();
    void findingsCarryTheRuleAndTheContainer();

    void normalisesCapabilities_data();
    void normalisesCapabilities();
    void recognisesRootUsers_data();
    void recognisesRootUsers();
    void matchesSensitivePaths_data();
    void matchesSensitivePaths();
    void parsesImageReferences_data();
    void parsesImageReferences();

private:
    std::vector<Finding> run(const std::string& ruleId, const Scenario& scenario) const;
    RuleCatalogue m_catalogue;
};

void TestContainerRules::initTestCase()
{
    registerContainerRules(m_catalogue);
}

std::vector<Finding> TestContainerRules::run(const std::string& ruleId, const Scenario& scenario) const
{
    const Rule* rule = m_catalogue.find(ruleId);
    if (!rule) {
        return {};
    }
    const RuleContext context(scenario.inventory, scenario.settings, 1800000000);
    FindingCollector out(&scenario.settings.severityOverrides);
    rule->evaluate(context, out);
    return out.take();
}

void TestContainerRules::catalogueIsComplete()
{
    QCOMPARE(m_catalogue.size(), std::size_t(25));
    std::set<std::string> ids;
    for (const auto& rule : m_catalogue.rules()) {
        const RuleInfo& info = rule->info();
        QVERIFY2(ids.insert(info.id).second, info.id.c_str());
        QVERIFY2(!info.title.empty() && !info.rationale.empty() && !info.fix.empty() &&
                     !info.practice.empty(),
                 info.id.c_str());
        QCOMPARE(info.area, Area::Container);
        QCOMPARE(QString::fromStdString(info.cis.version),
                 info.cis.id.empty() ? QString() : QString("1.6.0"));
    }
    for (int n = 1; n <= 25; ++n) {
        const std::string id = QString("CTR-%1").arg(n, 3, 10, QChar('0')).toStdString();
        QVERIFY2(ids.count(id) == 1, id.c_str());
    }
    QCOMPARE(m_catalogue.find("CTR-001")->info().defaultSeverity, Severity::High);
    QCOMPARE(QString::fromStdString(m_catalogue.find("CTR-003")->info().cis.id), QString("5.4"));
    QCOMPARE(m_catalogue.find("CTR-013")->info().defaultSeverity, Severity::Critical);
}

void TestContainerRules::ruleOutcome_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("evidence");  // must appear in the first finding's evidence
    QTest::addColumn<QStringList>("edits"); // the first finding's RunEdits, exactly
    QTest::addColumn<QString>("absent");    // must not appear in any evidence (secrets)

    auto row = [](const char* name, const char* rule, Setup setup, int count, const char* severity = "",
                  const char* evidence = "", QStringList edits = {}, const char* absent = "") {
        QTest::newRow(name) << QString(rule) << setup << count << QString(severity) << QString(evidence)
                            << edits << QString(absent);
    };
    const QStringList userEdits{"RemoveFlag --user", "AddFlag --user 10001:10001"};

    // CTR-001
    row("CTR-001 fires high when Config.User is empty", "CTR-001", user(""), 1, "high",
        "Config.User is empty", userEdits);
    row("CTR-001 fires for root:root", "CTR-001", user("root:root"), 1, "high", "Config.User = \"root:root\"",
        userEdits);
    row("CTR-001 fires for 0:0", "CTR-001", user("0:0"), 1, "high", "\"0:0\"", userEdits);
    row("CTR-001 reads 000 as UID 0", "CTR-001", user("000"), 1, "high", "\"000\"", userEdits);
    row("CTR-001 lowers to medium on a userns-remapped daemon", "CTR-001",
        both(user("root"), [](Scenario& s) { s.inventory.daemon.securityOptions.push_back("name=userns"); }),
        1, "medium", "daemon remaps root", userEdits);
    row("CTR-001 lowers to medium on a rootless daemon", "CTR-001",
        both(user(""), [](Scenario& s) { s.inventory.daemon.securityOptions.push_back("name=rootless"); }), 1,
        "medium", "Config.User is empty", userEdits);
    row("CTR-001 passes a named non-root user", "CTR-001", user("app"), 0);
    row("CTR-001 passes a user whose name only starts with root", "CTR-001", user("rootless:staff"), 0);
    row("CTR-001 passes UID 10 even though it contains a zero", "CTR-001", user("10"), 0);

    // CTR-002
    row("CTR-002 fires critical on a privileged container", "CTR-002",
        [](Scenario& s) {
            s.container().hostConfig.privileged = true;
            s.container().hostConfig.maskedPaths.reset();
        },
        1, "critical", "HostConfig.Privileged = true", {"RemoveFlag --privileged"});
    row("CTR-002 stays quiet without --privileged", "CTR-002", nothing(), 0);

    // CTR-003
    const QStringList dropAll{"AddFlag --cap-drop ALL"};
    row("CTR-003 rates CAP_SYS_ADMIN critical and drops ALL", "CTR-003", capAdd({"CAP_SYS_ADMIN"}, {}), 1,
        "critical", "HostConfig.CapAdd contains CAP_SYS_ADMIN",
        {"RemoveValue --cap-add SYS_ADMIN", "AddFlag --cap-drop ALL"});
    row("CTR-003 does not repeat --cap-drop ALL when it is already there", "CTR-003",
        capAdd({"CAP_SYS_ADMIN"}), 1, "critical", "CAP_SYS_ADMIN", {"RemoveValue --cap-add SYS_ADMIN"});
    row("CTR-003 rates lower-case all critical", "CTR-003", capAdd({"all"}), 1, "critical", "contains ALL",
        {"RemoveValue --cap-add ALL"});
    row("CTR-003 accepts the legacy spelling sys_module", "CTR-003", capAdd({"sys_module"}), 1, "critical",
        "CAP_SYS_MODULE", {"RemoveValue --cap-add SYS_MODULE"});
    row("CTR-003 rates SYS_RAWIO critical", "CTR-003", capAdd({"SYS_RAWIO"}), 1, "critical", "CAP_SYS_RAWIO",
        {"RemoveValue --cap-add SYS_RAWIO"});
    row("CTR-003 rates DAC_READ_SEARCH critical", "CTR-003", capAdd({"Cap_Dac_Read_Search"}), 1, "critical",
        "CAP_DAC_READ_SEARCH", {"RemoveValue --cap-add DAC_READ_SEARCH"});
    row("CTR-003 rates NET_ADMIN high", "CTR-003", capAdd({"CAP_NET_ADMIN"}), 1, "high", "CAP_NET_ADMIN",
        {"RemoveValue --cap-add NET_ADMIN"});
    row("CTR-003 rates SYS_PTRACE high on its own", "CTR-003", capAdd({"SYS_PTRACE"}), 1, "high",
        "CAP_SYS_PTRACE", {"RemoveValue --cap-add SYS_PTRACE"});
    row("CTR-003 rates SYS_PTRACE critical with the host PID namespace", "CTR-003",
        both(capAdd({"SYS_PTRACE"}), [](Scenario& s) { s.container().hostConfig.pidMode = "host"; }), 1,
        "critical", "CAP_SYS_PTRACE with HostConfig.PidMode = host", {"RemoveValue --cap-add SYS_PTRACE"});
    row("CTR-003 rates another non-default capability medium", "CTR-003", capAdd({"CAP_SYS_NICE"}), 1,
        "medium", "CAP_SYS_NICE", {"RemoveValue --cap-add SYS_NICE"});
    row("CTR-003 raises nothing for re-adding defaults", "CTR-003",
        capAdd({"CAP_NET_BIND_SERVICE", "chown", "KILL"}), 0);
    row("CTR-003 counts one capability once in two spellings", "CTR-003",
        capAdd({"SYS_ADMIN", "CAP_SYS_ADMIN"}), 1, "critical", "CAP_SYS_ADMIN",
        {"RemoveValue --cap-add SYS_ADMIN"});
    row("CTR-003 gives one finding per dangerous capability", "CTR-003",
        capAdd({"CAP_SYS_ADMIN", "CAP_CHOWN", "CAP_NET_ADMIN"}), 2, "critical", "CAP_SYS_ADMIN",
        {"RemoveValue --cap-add SYS_ADMIN"});

    // CTR-004
    row("CTR-004 fires low when the default set is kept", "CTR-004", capDrop({}), 1, "low",
        "HostConfig.CapDrop = [] lacks ALL (NET_RAW kept)", dropAll);
    row("CTR-004 drops to info when NET_RAW is already dropped", "CTR-004", capDrop({"net_raw"}), 1, "info",
        "[CAP_NET_RAW] lacks ALL", dropAll);
    row("CTR-004 passes --cap-drop all in any case", "CTR-004", capDrop({"all"}), 0);
    row("CTR-004 leaves privileged containers to CTR-002", "CTR-004",
        both(capDrop({}), [](Scenario& s) { s.container().hostConfig.privileged = true; }), 0);

    // CTR-005 … CTR-007
    row("CTR-005 fires high on --pid host", "CTR-005",
        [](Scenario& s) { s.container().hostConfig.pidMode = "host"; }, 1, "high",
        "HostConfig.PidMode = host", {"RemoveFlag --pid"});
    row(
        "CTR-005 ignores a PID namespace joined from a container", "CTR-005",
        [](Scenario& s) { s.container().hostConfig.pidMode = "container:" + kPeerId; }, 0);
    row("CTR-006 fires high on --ipc host", "CTR-006",
        [](Scenario& s) { s.container().hostConfig.ipcMode = "host"; }, 1, "high",
        "HostConfig.IpcMode = host", {"RemoveFlag --ipc"});
    row(
        "CTR-006 passes shareable IPC", "CTR-006",
        [](Scenario& s) { s.container().hostConfig.ipcMode = "shareable"; }, 0);
    row("CTR-007 fires medium on --uts host", "CTR-007",
        [](Scenario& s) { s.container().hostConfig.utsMode = "host"; }, 1, "medium",
        "HostConfig.UTSMode = host", {"RemoveFlag --uts"});
    row("CTR-007 passes the default UTS namespace", "CTR-007", nothing(), 0);

    // CTR-008
    row("CTR-008 fires high on --userns host when the daemon remaps", "CTR-008",
        [](Scenario& s) {
            s.container().hostConfig.usernsMode = "host";
            s.inventory.daemon.securityOptions.push_back("name=userns");
        },
        1, "high", "HostConfig.UsernsMode = host", {"RemoveFlag --userns"});
    row("CTR-008 is info on a daemon without remapping", "CTR-008",
        [](Scenario& s) { s.container().hostConfig.usernsMode = "host"; }, 1, "info",
        "daemon does not remap users", {"RemoveFlag --userns"});
    row("CTR-008 passes the default", "CTR-008", nothing(), 0);

    // CTR-009
    const QStringList cgroupnsEdits{"RemoveFlag --cgroupns", "AddFlag --cgroupns private"};
    row(
        "CTR-009 fires medium on cgroup v2 where host is an explicit choice", "CTR-009",
        [](Scenario& s) {
            s.container().hostConfig.cgroupnsMode = "host";
            s.inventory.daemon.cgroupVersion = "2";
        },
        1, "medium", "HostConfig.CgroupnsMode = host", cgroupnsEdits);
    row(
        "CTR-009 is info on cgroup v1 where host is the default", "CTR-009",
        [](Scenario& s) { s.container().hostConfig.cgroupnsMode = "host"; }, 1, "info", "cgroup v1 default",
        cgroupnsEdits);
    row("CTR-009 passes a private cgroup namespace", "CTR-009", nothing(), 0);

    // CTR-010
    const auto withPeer = [](Scenario& s) {
        Container peer = s.container();
        peer.id = kPeerId;
        peer.name = "db";
        s.inventory.containers.push_back(peer);
    };
    row("CTR-010 names the peer whose PID namespace is joined", "CTR-010",
        both(withPeer, [](Scenario& s) { s.container().hostConfig.pidMode = "container:" + kPeerId; }), 1,
        "info", "HostConfig.PidMode = container:d0dddddddddd (db)", {"RemoveFlag --pid"});
    row("CTR-010 reports each shared namespace", "CTR-010",
        both(withPeer,
             [](Scenario& s) {
                 s.container().hostConfig.pidMode = "container:" + kPeerId;
                 s.container().hostConfig.ipcMode = "container:" + kPeerId;
                 s.container().hostConfig.networkMode = "container:" + kPeerId;
             }),
        3, "info", "PidMode", {"RemoveFlag --pid"});
    row("CTR-010 keeps the raw reference when the peer is gone", "CTR-010",
        [](Scenario& s) { s.container().hostConfig.networkMode = "container:gone"; }, 1, "info",
        "HostConfig.NetworkMode = container:gone", {"RemoveFlag --network"});
    row(
        "CTR-010 passes a user network", "CTR-010",
        [](Scenario& s) { s.container().hostConfig.networkMode = "backend"; }, 0);

    // CTR-011
    const auto device = [](std::string host, std::string perms) {
        return [host, perms](Scenario& s) {
            s.container().hostConfig.devices.push_back({host, host, perms});
        };
    };
    row("CTR-011 rates a raw disk high", "CTR-011", device("/dev/sda", "rwm"), 1, "high",
        "HostConfig.Devices: /dev/sda -> /dev/sda (rwm)", {"RemoveValue --device /dev/sda:/dev/sda:rwm"});
    row("CTR-011 rates /dev/mem high even read-only", "CTR-011", device("/dev/mem", "r"), 1, "high",
        "/dev/mem", {"RemoveValue --device /dev/mem:/dev/mem:r"});
    row("CTR-011 rates another writable device medium", "CTR-011", device("/dev/ttyUSB0", "rw"), 1, "medium",
        "/dev/ttyUSB0 (rw)", {"RemoveValue --device /dev/ttyUSB0:/dev/ttyUSB0:rw"});
    row("CTR-011 reads empty permissions as rwm", "CTR-011", device("/dev/ttyUSB0", ""), 1, "medium", "(rwm)",
        {"RemoveValue --device /dev/ttyUSB0:/dev/ttyUSB0:rwm"});
    row("CTR-011 rates a read-only device info", "CTR-011", device("/dev/ttyUSB0", "r"), 1, "info", "(r)",
        {"RemoveValue --device /dev/ttyUSB0:/dev/ttyUSB0:r"});
    row("CTR-011 rates an all-devices cgroup rule high", "CTR-011",
        [](Scenario& s) { s.container().hostConfig.deviceCgroupRules = {"a *:* rwm"}; }, 1, "high",
        "HostConfig.DeviceCgroupRules contains \"a *:* rwm\"",
        {"RemoveValue --device-cgroup-rule a *:* rwm"});
    row("CTR-011 rates a writable char-device rule medium", "CTR-011",
        [](Scenario& s) { s.container().hostConfig.deviceCgroupRules = {"c 189:* rwm"}; }, 1, "medium",
        "c 189:* rwm", {"RemoveValue --device-cgroup-rule c 189:* rwm"});
    row("CTR-011 rates a GPU request info", "CTR-011",
        [](Scenario& s) {
            DeviceRequest r;
            r.driver = "nvidia";
            r.count = -1;
            r.capabilities = {{"gpu"}};
            s.container().hostConfig.deviceRequests.push_back(r);
        },
        1, "info", "HostConfig.DeviceRequests: nvidia count=-1", {"RemoveFlag --gpus"});
    row("CTR-011 passes a container without devices", "CTR-011", nothing(), 0);

    // CTR-012
    row("CTR-012 rates a writable bind of / critical", "CTR-012", mounts({bind("/", "/host", true)}), 1,
        "critical", "bind / -> /host (rw)", {"RemoveMount --volume /host"});
    row("CTR-012 rates a read-only bind of / high", "CTR-012", mounts({bind("/", "/host", false)}), 1, "high",
        "bind / -> /host (ro)", {"RemoveMount --volume /host"});
    row("CTR-012 rates a writable /etc critical", "CTR-012", mounts({bind("/etc", "/host/etc", true)}), 1,
        "critical", "bind /etc -> /host/etc (rw)", {"RemoveMount --volume /host/etc"});
    row("CTR-012 catches a writable directory inside /etc", "CTR-012",
        mounts({bind("/etc/ssl", "/etc/ssl", true)}), 1, "critical", "is inside host /etc",
        {"RemoveMount --volume /etc/ssl"});
    row("CTR-012 catches a parent of /var/lib/docker", "CTR-012", mounts({bind("/var", "/hostvar", true)}), 1,
        "critical", "contains host /var/lib/docker", {"RemoveMount --volume /hostvar"});
    row("CTR-012 rates a writable home directory high", "CTR-012",
        mounts({bind("/home/alice", "/home/alice", true)}), 1, "high", "is inside host /home",
        {"RemoveMount --volume /home/alice"});
    row("CTR-012 rates read-only /var/log high", "CTR-012", mounts({bind("/var/log", "/logs", false)}), 1,
        "high", "bind /var/log -> /logs (ro)", {"RemoveMount --volume /logs"});
    row("CTR-012 names --mount when the bind came from --mount", "CTR-012",
        [](Scenario& s) {
            s.container().mounts = {bind("/etc", "/cfg", false)};
            MountSpec spec;
            spec.type = "bind";
            spec.source = "/etc";
            spec.target = "/cfg";
            spec.readOnly = true;
            s.container().hostConfig.mounts.push_back(spec);
        },
        1, "high", "bind /etc -> /cfg (ro)", {"RemoveMount --mount /cfg"});
    row("CTR-012 does not misfire on a volume mounted at /usr", "CTR-012", mounts({volume("tools", "/usr")}),
        0);
    row("CTR-012 passes a read-only bind of /etc/localtime", "CTR-012",
        mounts({bind("/etc/localtime", "/etc/localtime", false)}), 0);
    row("CTR-012 respects path components (/etcd is not /etc)", "CTR-012",
        mounts({bind("/etcd/data", "/data", true)}), 0);
    row("CTR-012 leaves the runtime socket to CTR-013", "CTR-012",
        mounts({bind("/var/run/docker.sock", "/var/run/docker.sock", true)}), 0);

    // CTR-013
    const QStringList dropSocket{"RemoveMount --volume /var/run/docker.sock"};
    row("CTR-013 fires critical on the Docker socket", "CTR-013",
        mounts({bind("/var/run/docker.sock", "/var/run/docker.sock", true)}), 1, "critical",
        "bind /var/run/docker.sock -> /var/run/docker.sock (rw)", dropSocket);
    row("CTR-013 stays critical for a read-only socket bind", "CTR-013",
        mounts({bind("/var/run/docker.sock", "/var/run/docker.sock", false)}), 1, "critical", "(ro)",
        dropSocket);
    row("CTR-013 catches the containerd socket", "CTR-013",
        mounts({bind("/run/containerd/containerd.sock", "/run/containerd/containerd.sock", true)}), 1,
        "critical", "containerd.sock", {"RemoveMount --volume /run/containerd/containerd.sock"});
    row("CTR-013 catches a socket renamed on the way in", "CTR-013",
        mounts({bind("/srv/api.sock", "/var/run/docker.sock", true)}), 1, "critical", "/srv/api.sock",
        dropSocket);
    row("CTR-013 catches the Docker runtime directory", "CTR-013",
        mounts({bind("/var/run/docker", "/rundocker", false)}), 1, "critical", "Docker runtime directory",
        {"RemoveMount --volume /rundocker"});
    row("CTR-013 names Drydock's own socket across /var/run and /run", "CTR-013",
        mounts({bind("/run/docker.sock", "/docker.sock", true)}, "/var/run/docker.sock"), 1, "critical",
        "the socket Drydock is connected to", {"RemoveMount --volume /docker.sock"});
    row("CTR-013 catches Drydock's own socket under any name", "CTR-013",
        mounts({bind("/tmp/dd-x/engine.socket", "/engine", true)}, "/tmp/dd-x/engine.socket"), 1, "critical",
        "the socket Drydock is connected to", {"RemoveMount --volume /engine"});
    row("CTR-013 ignores an unusual socket name when Drydock is not using it", "CTR-013",
        mounts({bind("/tmp/dd-x/engine.socket", "/engine", true)}), 0);
    row("CTR-013 catches a directory holding Drydock's socket", "CTR-013",
        mounts({bind("/run", "/hostrun", false)}, "unix:///var/run/docker.sock"), 1, "critical",
        "contains /run/docker.sock", {"RemoveMount --volume /hostrun"});
    row("CTR-013 fires on DOCKER_HOST over TCP", "CTR-013",
        env({"PATH=/bin", "DOCKER_HOST=tcp://10.0.0.5:2375"}), 1, "critical",
        "Config.Env DOCKER_HOST=tcp://10.0.0.5:2375", {});
    row("CTR-013 masks credentials in DOCKER_HOST", "CTR-013",
        env({"DOCKER_HOST=tcp://ops:Hunter2Secret@10.0.0.5:2376"}), 1, "critical",
        "DOCKER_HOST=tcp://ops:", {}, "Hunter2Secret");
    row("CTR-013 leaves a unix DOCKER_HOST to the mount check", "CTR-013",
        env({"DOCKER_HOST=unix:///var/run/docker.sock"}), 0);
    row("CTR-013 passes ordinary mounts", "CTR-013", mounts({bind("/srv/data", "/data", true)}), 0);

    // CTR-014
    row("CTR-014 fires low on a writable ordinary bind", "CTR-014",
        mounts({bind("/srv/data", "/data", true)}), 1, "low", "bind /srv/data -> /data (rw)",
        {"ReadOnlyMount --volume /data"});
    row("CTR-014 passes a read-only bind", "CTR-014", mounts({bind("/srv/data", "/data", false)}), 0);
    row("CTR-014 leaves /etc to CTR-012", "CTR-014", mounts({bind("/etc", "/etc2", true)}), 0);
    row("CTR-014 leaves the socket to CTR-013", "CTR-014",
        mounts({bind("/var/run/docker.sock", "/var/run/docker.sock", true)}), 0);
    row("CTR-014 ignores named volumes", "CTR-014", mounts({volume("data", "/data")}), 0);

    // CTR-015
    row("CTR-015 rates rshared medium", "CTR-015",
        [](Scenario& s) {
            MountPoint m = bind("/srv/data", "/data", false);
            m.propagation = "rshared";
            s.container().mounts = {m};
        },
        1, "medium", "propagation rshared", {});
    row("CTR-015 rates rslave info", "CTR-015",
        [](Scenario& s) {
            MountPoint m = bind("/srv/data", "/data", false);
            m.propagation = "rslave";
            s.container().mounts = {m};
        },
        1, "info", "propagation rslave", {});
    row("CTR-015 passes rprivate", "CTR-015", mounts({bind("/srv/data", "/data", true)}), 0);

    // CTR-016
    row("CTR-016 fires low on a writable root filesystem", "CTR-016",
        [](Scenario& s) { s.container().hostConfig.readonlyRootfs = false; }, 1, "low",
        "HostConfig.ReadonlyRootfs = false", {"AddFlag --read-only"});
    row("CTR-016 passes --read-only", "CTR-016", nothing(), 0);

    // CTR-017
    const QStringList unmaskEdits{"RemoveValue --security-opt systempaths=unconfined"};
    row(
        "CTR-017 fires high on empty MaskedPaths and ReadonlyPaths", "CTR-017",
        [](Scenario& s) {
            s.container().hostConfig.maskedPaths = StringList{};
            s.container().hostConfig.readonlyPaths = StringList{};
        },
        1, "high", "HostConfig.MaskedPaths = [] and ReadonlyPaths = []", unmaskEdits);
    row(
        "CTR-017 fires on empty ReadonlyPaths alone", "CTR-017",
        [](Scenario& s) { s.container().hostConfig.readonlyPaths = StringList{}; }, 1, "high",
        "HostConfig.ReadonlyPaths = []", unmaskEdits);
    row(
        "CTR-017 leaves privileged null lists to CTR-002", "CTR-017",
        [](Scenario& s) {
            s.container().hostConfig.privileged = true;
            s.container().hostConfig.maskedPaths.reset();
            s.container().hostConfig.readonlyPaths.reset();
        },
        0);
    row(
        "CTR-017 does not read absent lists as empty", "CTR-017",
        [](Scenario& s) { s.container().hostConfig.maskedPaths.reset(); }, 0);
    row("CTR-017 passes Docker's default masks", "CTR-017", nothing(), 0);

    // CTR-018
    row("CTR-018 fires medium on group 0", "CTR-018",
        [](Scenario& s) { s.container().hostConfig.groupAdd = {"0"}; }, 1, "medium",
        "HostConfig.GroupAdd contains 0", {"RemoveValue --group-add 0"});
    row("CTR-018 reports each privileged group", "CTR-018",
        [](Scenario& s) {
            s.container().hostConfig.groupAdd = {"docker", "video", "disk"};
        },
        2, "medium", "docker", {"RemoveValue --group-add docker"});
    row(
        "CTR-018 passes ordinary groups", "CTR-018",
        [](Scenario& s) {
            s.container().hostConfig.groupAdd = {"1000", "video"};
        },
        0);

    // CTR-019
    row("CTR-019 lists sysctls with the routing one first", "CTR-019",
        [](Scenario& s) {
            s.container().hostConfig.sysctls = {{"net.core.somaxconn", "1024"}, {"net.ipv4.ip_forward", "1"}};
        },
        1, "low", "HostConfig.Sysctls: review net.ipv4.ip_forward=1; net.core.somaxconn=1024",
        {"RemoveValue --sysctl net.core.somaxconn=1024", "RemoveValue --sysctl net.ipv4.ip_forward=1"});
    row("CTR-019 passes no sysctls", "CTR-019", nothing(), 0);

    // CTR-020
    row("CTR-020 fires low on a custom cgroup parent", "CTR-020",
        [](Scenario& s) { s.container().hostConfig.cgroupParent = "/custom"; }, 1, "low",
        "HostConfig.CgroupParent = /custom", {"RemoveFlag --cgroup-parent"});
    row("CTR-020 passes the default parent", "CTR-020", nothing(), 0);

    // CTR-021
    const auto exec = [](bool privileged, std::string execUser) {
        return [privileged, execUser](Scenario& s) {
            ExecSession e;
            e.id = "e0" + std::string(62, 'f');
            e.running = true;
            e.privileged = privileged;
            e.user = execUser;
            e.entrypoint = "/bin/sh";
            e.arguments = {"-c", "mysql -uroot -pS3cretPass"};
            s.container().execIds = {e.id};
            s.container().execSessions = {e};
        };
    };
    row("CTR-021 rates a privileged exec high without echoing its arguments", "CTR-021", exec(true, ""), 1,
        "high", "exec e0ffffffffff (sh): ProcessConfig.privileged = true", {}, "S3cretPass");
    row("CTR-021 rates a root exec in a non-root container medium", "CTR-021", exec(false, "root"), 1,
        "medium", "ProcessConfig.user = root while Config.User = 10001:10001", {});
    row("CTR-021 passes an exec that inherits the container user", "CTR-021", exec(false, ""), 0);
    row("CTR-021 leaves a root exec in a root container to CTR-001", "CTR-021",
        both(user("root"), exec(false, "0")), 0);

    // CTR-022
    row("CTR-022 fires medium when the process is sshd", "CTR-022",
        [](Scenario& s) {
            s.container().path = "/usr/sbin/sshd";
            s.container().args = {"-D"};
        },
        1, "medium", "Path = /usr/sbin/sshd", {});
    row("CTR-022 finds sshd inside a shell command line", "CTR-022",
        [](Scenario& s) {
            s.container().path = "/bin/sh";
            s.container().args = {"-c", "/usr/sbin/sshd -D & exec /app/server"};
        },
        1, "medium", "Args contain sshd", {});
    row("CTR-022 reads Config.Cmd", "CTR-022",
        [](Scenario& s) {
            s.container().path = "";
            s.container().config.entrypoint.reset();
            s.container().config.cmd = {"sshd", "-D"};
        },
        1, "medium", "Config.Cmd contains sshd", {});
    row(
        "CTR-022 does not match a word that only starts with sshd", "CTR-022",
        [](Scenario& s) {
            s.container().args = {"--config", "/etc/sshd-exporter.yml"};
        },
        0);

    // CTR-023
    const auto moved = [](Scenario& s) {
        s.container().config.image = "drydock-test/app:1.0";
        s.image().repoTags.clear();
        Image newer = s.image();
        newer.id = kNewImageId;
        newer.repoTags = {"drydock-test/app:1.0"};
        s.inventory.images.push_back(newer);
    };
    row("CTR-023 fires low when the tag has moved on", "CTR-023", moved, 1, "low",
        "Config.Image drydock-test/app:1.0 now points to b0bbbbbbbbbb; container runs a0aaaaaaaaaa", {});
    row("CTR-023 matches a fully qualified Docker Hub reference", "CTR-023",
        both(moved,
             [](Scenario& s) {
                 s.container().config.image = "docker.io/library/nginx";
                 s.inventory.images.back().repoTags = {"nginx:latest"};
             }),
        1, "low", "now points to b0bbbbbbbbbb", {});
    row("CTR-023 passes a container on the current image", "CTR-023", imageRef("drydock-test/app:1.0"), 0);
    row("CTR-023 skips when the tag is no longer present", "CTR-023", imageRef("drydock-test/app:0.9"), 0);

    // CTR-024
    row("CTR-024 fires low on an untagged reference", "CTR-024", imageRef("nginx"), 1, "low",
        "Config.Image = nginx (no tag", {});
    row("CTR-024 fires on :latest", "CTR-024", imageRef("nginx:latest"), 1, "low", "(:latest)", {});
    row("CTR-024 fires on a tag without digest", "CTR-024", imageRef("nginx:1.25"), 1, "low",
        "tag without @sha256 digest", {});
    row("CTR-024 does not read a registry port as a tag", "CTR-024", imageRef("registry:5000/app"), 1, "low",
        "registry:5000/app (no tag", {});
    row("CTR-024 passes a digest-pinned reference", "CTR-024", nothing(), 0);
    row("CTR-024 passes a reference by image id", "CTR-024", imageRef("a0aaaaaa"), 0);

    // CTR-025
    const auto history = [](std::vector<std::string> lines) {
        return [lines](Scenario& s) {
            for (const auto& l : lines) {
                s.image().history.push_back({"", 0, l, {}, 0, ""});
            }
        };
    };
    row("CTR-025 rates package installs low", "CTR-025",
        history({"/bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"}), 1,
        "low", "image history: 1 shell RUN step; package installs via apt-get", {});
    row("CTR-025 reads BuildKit RUN lines", "CTR-025",
        history({"RUN /bin/sh -c apk add --no-cache curl # buildkit"}), 1, "low", "package installs via apk",
        {});
    row("CTR-025 rates a shell build alone info without echoing build args", "CTR-025",
        history({"|1 BUILD_TOKEN=buildsecret123 /bin/sh -c make"}), 1, "info", "1 shell RUN step", {},
        "buildsecret123");
    row("CTR-025 reads zypper in as an install", "CTR-025", history({"/bin/sh -c zypper in -y curl"}), 1,
        "low", "package installs via zypper", {});
    row("CTR-025 does not read a shell loop after a refresh as an install", "CTR-025",
        history({"/bin/sh -c apk update && for f in a b; do echo $f; done"}), 1, "info", "1 shell RUN step",
        {}, "apk");
    row("CTR-025 notices Config.Shell", "CTR-025",
        [](Scenario& s) {
            s.container().config.shell = {"/bin/bash", "-c"};
        },
        1, "info", "Config.Shell = [/bin/bash, -c]", {});
    row("CTR-025 notices a container started through a shell", "CTR-025",
        [](Scenario& s) {
            s.container().config.entrypoint.reset();
            s.container().config.cmd = {"/bin/sh", "-c", "exec /app/server"};
        },
        1, "info", "starts through /bin/sh", {});
    row("CTR-025 passes an exec-form image built without a shell", "CTR-025", nothing(), 0);
}

void TestContainerRules::ruleOutcome()
{
    QFETCH(QString, rule);
    QFETCH(Setup, setup);
    QFETCH(int, count);
    QFETCH(QString, severity);
    QFETCH(QString, evidence);
    QFETCH(QStringList, edits);
    QFETCH(QString, absent);

    QVERIFY(m_catalogue.find(rule.toStdString()));
    Scenario scenario = hardened();
    setup(scenario);
    const auto findings = run(rule.toStdString(), scenario);
    QCOMPARE(int(findings.size()), count);
    for (const auto& f : findings) {
        QCOMPARE(QString::fromStdString(f.ruleId), rule);
        if (!absent.isEmpty()) {
            QVERIFY2(!QString::fromStdString(f.evidence).contains(absent), f.evidence.c_str());
        }
    }
    if (count == 0) {
        return;
    }
    const Finding& first = findings.front();
    QCOMPARE(QString(toString(first.severity)), severity);
    QVERIFY2(QString::fromStdString(first.evidence).contains(evidence), first.evidence.c_str());
    QCOMPARE(describe(first.remediation.edits), edits);
}

void TestContainerRules::eachCapabilityIsItsOwnFinding()
{
    Scenario s = hardened();
    s.container().hostConfig.capAdd = {"CAP_NET_ADMIN", "sys_admin", "CAP_SYS_NICE", "CAP_CHOWN"};
    const auto findings = run("CTR-003", s);
    QCOMPARE(findings.size(), std::size_t(3));
    QCOMPARE(QString::fromStdString(findings[0].discriminator), QString("CAP_NET_ADMIN"));
    QCOMPARE(QString::fromStdString(findings[1].discriminator), QString("CAP_SYS_ADMIN"));
    QCOMPARE(QString::fromStdString(findings[2].discriminator), QString("CAP_SYS_NICE"));
    QCOMPARE(findings[0].severity, Severity::High);
    QCOMPARE(findings[1].severity, Severity::Critical);
    QCOMPARE(findings[2].severity, Severity::Medium);
    QCOMPARE(QString::fromStdString(findings[1].title), QString("Dangerous capability added: CAP_SYS_ADMIN"));
}

void TestContainerRules::eachMountIsReportedByTheRightRules_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<QStringList>("rules"); // which of CTR-012/013/014 fire, with severities

    QTest::newRow("the Docker socket is CTR-013's alone")
        << mounts({bind("/var/run/docker.sock", "/var/run/docker.sock", true)}, "/var/run/docker.sock")
        << QStringList{"CTR-013 critical"};
    QTest::newRow("a writable /etc is CTR-012's alone")
        << mounts({bind("/etc", "/host/etc", true)}) << QStringList{"CTR-012 critical"};
    QTest::newRow("a writable /srv bind is CTR-014's alone")
        << mounts({bind("/srv/data", "/data", true)}) << QStringList{"CTR-014 low"};
    QTest::newRow("a bind of / is both a sensitive path and a way to the socket")
        << mounts({bind("/", "/host", false)}, "/var/run/docker.sock")
        << QStringList{"CTR-012 high", "CTR-013 critical"};
    QTest::newRow("a read-only /srv bind is nobody's")
        << mounts({bind("/srv/data", "/data", false)}) << QStringList{};
}

void TestContainerRules::eachMountIsReportedByTheRightRules()
{
    QFETCH(Setup, setup);
    QFETCH(QStringList, rules);
    Scenario s = hardened();
    setup(s);
    QStringList fired;
    for (const char* id : {"CTR-012", "CTR-013", "CTR-014"}) {
        for (const auto& f : run(id, s)) {
            fired << QString("%1 %2").arg(id, toString(f.severity));
        }
    }
    QCOMPARE(fired, rules);
}

void TestContainerRules::findingsCarryTheRuleAndTheContainer()
{
    Scenario s = hardened();
    s.container().mounts = {bind("/var/run/docker.sock", "/var/run/docker.sock", true)};
    s.settings.severityOverrides["CTR-013"] = Severity::High;
    const auto findings = run("CTR-013", s);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding& f = findings.front();
    QCOMPARE(f.area, Area::Container);
    QCOMPARE(QString::fromStdString(f.cis.id), QString("5.32"));
    QCOMPARE(QString::fromStdString(f.object.id), QString::fromStdString(kContainerId));
    QCOMPARE(QString::fromStdString(f.object.name), QString("web"));
    QCOMPARE(f.object.type, ObjectType::Container);
    QCOMPARE(QString::fromStdString(f.discriminator), QString("/var/run/docker.sock"));
    QCOMPARE(f.severity, Severity::High); // the user's override wins over the rule's grade
    QVERIFY(!f.rationale.empty() && !f.fix.empty());
}

void TestContainerRules::normalisesCapabilities_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("normal");
    QTest::addColumn<QString>("flagValue");
    QTest::addColumn<bool>("isDefault");

    QTest::newRow("the daemon's own form stays") << "CAP_SYS_ADMIN"
                                                 << "CAP_SYS_ADMIN"
                                                 << "SYS_ADMIN" << false;
    QTest::newRow("a bare name gains the prefix") << "net_raw"
                                                  << "CAP_NET_RAW"
                                                  << "NET_RAW" << true;
    QTest::newRow("mixed case and spaces are tidied") << " Cap_Chown "
                                                      << "CAP_CHOWN"
                                                      << "CHOWN" << true;
    QTest::newRow("all stays ALL without a prefix") << "all"
                                                    << "ALL"
                                                    << "ALL" << false;
}

void TestContainerRules::normalisesCapabilities()
{
    QFETCH(QString, raw);
    QFETCH(QString, normal);
    QFETCH(QString, flagValue);
    QFETCH(bool, isDefault);
    using namespace containerfacts;
    QCOMPARE(QString::fromStdString(normaliseCapability(raw.toStdString())), normal);
    QCOMPARE(QString::fromStdString(capabilityFlagValue(raw.toStdString())), flagValue);
    QCOMPARE(isDefaultCapability(raw.toStdString()), isDefault);
}

void TestContainerRules::recognisesRootUsers_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("root");

    QTest::newRow("empty means the image default, root") << "" << true;
    QTest::newRow("root") << "root" << true;
    QTest::newRow("0") << "0" << true;
    QTest::newRow("root with a group") << "root:app" << true;
    QTest::newRow("0 with a group") << "0:10001" << true;
    QTest::newRow("zeros are still UID 0") << "00:0" << true;
    QTest::newRow("a numeric user") << "10001" << false;
    QTest::newRow("a non-root user in the root group") << "app:root" << false;
    QTest::newRow("a named user") << "nobody" << false;
}

void TestContainerRules::recognisesRootUsers()
{
    QFETCH(QString, user);
    QFETCH(bool, root);
    QCOMPARE(containerfacts::isRootUser(user.toStdString()), root);
}

void TestContainerRules::matchesSensitivePaths_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("writable");
    QTest::addColumn<QString>("hostPath"); // empty: no match
    QTest::addColumn<QString>("severity");

    QTest::newRow("root itself") << "/" << true << "/"
                                 << "critical";
    QTest::newRow("an untidy spelling of /etc") << "//etc/./" << true << "/etc"
                                                << "critical";
    QTest::newRow("dot-dot climbs out of /srv") << "/srv/../etc" << true << "/etc"
                                                << "critical";
    QTest::newRow("/lib64 counts as /lib*") << "/lib64" << true << "/lib64"
                                            << "critical";
    QTest::newRow("a writable /run is high") << "/run" << true << "/run"
                                             << "high";
    QTest::newRow("containerd state is high") << "/var/lib/containerd" << true << "/var/lib/containerd"
                                              << "high";
    QTest::newRow("/etc/docker read-only names itself") << "/etc/docker" << false << "/etc/docker"
                                                        << "high";
    QTest::newRow("read-only CA certificates are fine") << "/etc/ssl/certs" << false << ""
                                                        << "";
    QTest::newRow("writable CA certificates are not") << "/etc/ssl/certs" << true << "/etc"
                                                      << "critical";
    QTest::newRow("an application directory") << "/opt/app" << true << ""
                                              << "";
    QTest::newRow("a relative name is a volume, not a path") << "data" << true << ""
                                                             << "";
}

void TestContainerRules::matchesSensitivePaths()
{
    QFETCH(QString, source);
    QFETCH(bool, writable);
    QFETCH(QString, hostPath);
    QFETCH(QString, severity);
    const auto match = containerfacts::matchSensitivePath(source.toStdString(), writable);
    QCOMPARE(match.has_value(), !hostPath.isEmpty());
    if (match) {
        QCOMPARE(QString::fromStdString(match->hostPath), hostPath);
        QCOMPARE(QString(toString(match->severity)), severity);
    }
}

void TestContainerRules::parsesImageReferences_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QString>("familiar");

    QTest::newRow("a bare name") << "nginx"
                                 << "nginx"
                                 << ""
                                 << ""
                                 << "nginx";
    QTest::newRow("a tagged official image in long form") << "docker.io/library/nginx:1.25"
                                                          << "docker.io/library/nginx"
                                                          << "1.25"
                                                          << ""
                                                          << "nginx";
    QTest::newRow("a registry port is not a tag") << "registry:5000/team/app"
                                                  << "registry:5000/team/app"
                                                  << ""
                                                  << ""
                                                  << "registry:5000/team/app";
    QTest::newRow("tag and digest") << "team/app:1.0@sha256:abc"
                                    << "team/app"
                                    << "1.0"
                                    << "sha256:abc"
                                    << "team/app";
    QTest::newRow("a private registry keeps library/") << "ghcr.io/library/x:2"
                                                       << "ghcr.io/library/x"
                                                       << "2"
                                                       << ""
                                                       << "ghcr.io/library/x";
}

void TestContainerRules::parsesImageReferences()
{
    QFETCH(QString, reference);
    QFETCH(QString, name);
    QFETCH(QString, tag);
    QFETCH(QString, digest);
    QFETCH(QString, familiar);
    const auto ref = containerfacts::parseImageReference(reference.toStdString());
    QCOMPARE(QString::fromStdString(ref.name), name);
    QCOMPARE(QString::fromStdString(ref.tag), tag);
    QCOMPARE(QString::fromStdString(ref.digest), digest);
    QCOMPARE(QString::fromStdString(containerfacts::familiarName(ref.name)), familiar);
}

QTEST_APPLESS_MAIN(TestContainerRules)
#include "TestContainerRules.moc"
