#include "core/common/Time.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/daemon/DaemonFacts.h"
#include "core/rules/daemon/DaemonRules.h"
#include "core/rules/daemon/EngineSupport.h"

#include "tests/support/RuleFixtures.h"

#include <QtTest>

#include <functional>
#include <map>
#include <set>

using namespace drydock;
using namespace drydock::test;

using Mutator = std::function<void(Inventory&)>;
Q_DECLARE_METATYPE(Mutator)

namespace {

// 2026-11-29T12:00:00Z: the day this machine's /info below was recorded.
constexpr qint64 kNow = 1795953600;

const char* const kPlainTcpWarning =
    "WARNING: API is accessible on http://0.0.0.0:2375 without encryption.\n"
    "         Access to the remote API is equivalent to root access on the host. Refer\n"
    "         to the 'Docker daemon attack surface' section in the documentation for\n"
    "         more information: https://docs.docker.com/go/attack-surface/";
const char* const kTlsNoVerifyWarning =
    "WARNING: API is accessible on https://0.0.0.0:2376 without TLS client verification.\n"
    "         Access to the remote API is equivalent to root access on the host. Refer\n"
    "         to the 'Docker daemon attack surface' section in the documentation for\n"
    "         more information: https://docs.docker.com/go/attack-surface/";

// docker0 as dockerd 20.10 reports it by default (catalogue ✔): ICC on, wildcard bind address.
Network defaultBridge()
{
    Network n;
    n.id = "4a5c0f7d1e3b";
    n.name = "bridge";
    n.driver = "bridge";
    n.scope = "local";
    n.options = {{"com.docker.network.bridge.default_bridge", "true"},
                 {"com.docker.network.bridge.enable_icc", "true"},
                 {"com.docker.network.bridge.enable_ip_masquerade", "true"},
                 {"com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"},
                 {"com.docker.network.bridge.name", "docker0"},
                 {"com.docker.network.driver.mtu", "1500"}};
    return n;
}

// GET /info and /version of this machine's dockerd 20.10.24 (Debian 12 docker.io), recorded 2026-11-29 from
// the private test daemon, field by field. That daemon runs with --bridge none, so docker0 is added as a
// stock 20.10 daemon reports it.
Inventory machineInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.engineVersion = "20.10.24+dfsg1";
    inv.apiVersion = "1.41";
    inv.capturedAtUnix = kNow;
    DaemonInfo& d = inv.daemon;
    d.id = "IQND:CWBL:KQCL:NYE4:2MLS:DU2A:6BXT:O5WM:LTJB:NDQB:RPZ3:5HII";
    d.name = "vm";
    d.serverVersion = "20.10.24+dfsg1";
    d.apiVersion = "1.41";
    d.minApiVersion = "1.12";
    d.gitCommit = "5d6db84";
    d.goVersion = "go1.19.8";
    d.os = "linux";
    d.osType = "linux";
    d.operatingSystem = "Debian GNU/Linux 12 (bookworm)";
    d.kernelVersion = "6.18.44-fc-v782";
    d.architecture = "x86_64";
    d.driver = "overlay2";
    d.loggingDriver = "json-file";
    d.cgroupDriver = "cgroupfs";
    d.cgroupVersion = "1";
    d.defaultRuntime = "runc";
    d.dockerRootDir = "/var/lib/docker";
    d.isolation = "";
    d.initBinary = "docker-init";
    d.runcCommit = "1.1.5+ds1-1+deb12u1";
    d.containerdCommit = "1.6.20~ds1-1+deb12u3";
    d.initCommit = "";
    d.securityOptions = {"name=seccomp,profile=default"};
    d.warnings = {};
    d.runtimes = {"io.containerd.runc.v2", "io.containerd.runtime.v1.linux", "runc"};
    d.authorizationPlugins = {};
    d.volumePlugins = {"local"};
    d.networkPlugins = {"bridge", "host", "ipvlan", "macvlan", "null", "overlay"};
    d.logPlugins = {"awslogs",   "fluentd", "gcplogs",    "gelf",   "journald",
                    "json-file", "local",   "logentries", "splunk", "syslog"};
    d.insecureRegistryCidrs = {"127.0.0.0/8"};
    d.indexConfigs = {RegistryIndex{"docker.io", true, true, {}}};
    d.components = {ComponentVersion{"Engine",
                                     "20.10.24+dfsg1",
                                     {{"ApiVersion", "1.41"},
                                      {"Arch", "amd64"},
                                      {"Experimental", "false"},
                                      {"GitCommit", "5d6db84"},
                                      {"MinAPIVersion", "1.12"},
                                      {"Os", "linux"}}},
                    ComponentVersion{"containerd", "1.6.20~ds1", {{"GitCommit", "1.6.20~ds1-1+deb12u3"}}},
                    ComponentVersion{"runc", "1.1.5+ds1", {{"GitCommit", "1.1.5+ds1-1+deb12u1"}}},
                    ComponentVersion{"docker-init", "0.19.0", {{"GitCommit", ""}}}};
    d.debug = false;
    d.experimentalBuild = false;
    d.liveRestoreEnabled = false;
    d.memoryLimit = d.swapLimit = d.kernelMemory = d.cpuCfsPeriod = d.cpuCfsQuota = d.cpuShares = d.cpuSet =
        true;
    d.pidsLimit = d.ipv4Forwarding = d.bridgeNfIptables = d.bridgeNfIp6tables = d.oomKillDisable = true;
    d.images = 1;
    d.ncpu = 2;
    d.memTotal = 25276026880;
    d.swarm.localNodeState = "inactive";
    inv.networks = {defaultBridge()};
    return inv;
}

// A daemon every DMN rule is happy with: the baseline each table row changes one thing in.
Inventory hardenedInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.engineVersion = "29.1.3";
    DaemonInfo& d = inv.daemon;
    d.id = "HARD:ENED";
    d.name = "hardened";
    d.serverVersion = "29.1.3";
    d.osType = "linux";
    d.driver = "overlay2";
    d.loggingDriver = "syslog";
    d.cgroupVersion = "2";
    d.defaultRuntime = "runc";
    d.runcCommit = "v1.3.3-0-gd842d771";
    d.securityOptions = {"name=apparmor", "name=seccomp,profile=builtin", "name=userns", "name=cgroupns"};
    d.authorizationPlugins = {"opa-docker-authz"};
    d.insecureRegistryCidrs = {"127.0.0.0/8", "::1/128"};
    d.indexConfigs = {RegistryIndex{"docker.io", true, true, {}}};
    d.components = {ComponentVersion{"Engine", "29.1.3", {{"Experimental", "false"}}},
                    ComponentVersion{"runc", "1.3.3", {{"GitCommit", "v1.3.3-0-gd842d771"}}}};
    d.liveRestoreEnabled = true;
    d.swarm.localNodeState = "inactive";
    Network bridge = defaultBridge();
    bridge.options["com.docker.network.bridge.enable_icc"] = "false";
    bridge.options["com.docker.network.bridge.host_binding_ipv4"] = "127.0.0.1";
    inv.networks = {bridge};
    Plugin plugin;
    plugin.id = "p1";
    plugin.name = "vieux/sshfs:latest";
    plugin.enabled = true;
    inv.plugins = {plugin};
    return inv;
}

Plugin privilegedPlugin(bool enabled)
{
    Plugin p;
    p.id = "5d6f0c1a";
    p.name = "acme/netplug:1.0";
    p.enabled = enabled;
    p.capabilities = {"CAP_SYS_ADMIN"};
    return p;
}

void add(const char* name, const char* ruleId, Mutator mutate, int count, const char* severity = "",
         const char* evidence = "", const char* notInEvidence = "", qint64 now = kNow)
{
    QTest::newRow(name) << QString(ruleId) << mutate << count << QString(severity) << QString(evidence)
                        << QString(notInEvidence) << now;
}

} // namespace

// Each DMN rule on hand-made daemons; this machine's real /info; the engine support table; rule texts.
class TestDaemonRules : public QObject
{
    Q_OBJECT

private:
    RuleCatalogue m_catalogue = areaCatalogue(registerDaemonRules);

private slots:
    void rule_data();
    void rule();
    void aHardenedDaemonRaisesNothing();
    void thisMachinesDaemonRaisesTheExpectedFindings();
    void daemonFindingsNameTheDaemonAndPluginFindingsThePlugin();
    void proxyCredentialsNeverReachEvidence();
    void everyDaemonRuleIsRegisteredWithItsTexts();
    void theBuiltInCatalogueHasTheDaemonRules();
    void versionTriple_data();
    void versionTriple();
    void engineSupport_data();
    void engineSupport();
    void theEngineSupportTableIsOrderedAndEndsWithAMaintainedBranch();
};

void TestDaemonRules::rule_data()
{
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("notInEvidence");
    QTest::addColumn<qint64>("now");

    // DMN-001
    add(
        "a plain-TCP listener warning is critical", "DMN-001",
        [](Inventory& i) { i.daemon.warnings = {kPlainTcpWarning}; }, 1, "critical", "http://0.0.0.0:2375",
        "attack-surface");
    add(
        "each plain-TCP listener is its own finding", "DMN-001",
        [](Inventory& i) {
            i.daemon.warnings = {kPlainTcpWarning,
                                 "WARNING: API is accessible on http://10.0.0.5:2375 without encryption."};
        },
        2, "critical");
    add(
        "the 27.x deprecation-notice wording is recognised", "DMN-001",
        [](Inventory& i) {
            i.daemon.warnings = {"[DEPRECATION NOTICE]: API is accessible on http://127.0.0.1:2375 without "
                                 "encryption.\n  Access to the remote API is equivalent to root access."};
        },
        1, "critical", "http://127.0.0.1:2375");
    add(
        "a scan over the warned tcp port says it travelled in clear text", "DMN-001",
        [](Inventory& i) {
            i.endpoint = "tcp://192.168.1.5:2375";
            i.daemon.warnings = {kPlainTcpWarning};
        },
        1, "critical", "this scan connects through tcp://192.168.1.5:2375");
    add(
        "a tcp endpoint with no daemon warning raises nothing", "DMN-001",
        [](Inventory& i) { i.endpoint = "tcp://192.168.1.5:2376"; }, 0);
    add(
        "a TLS-without-verification warning is not a plain-TCP listener", "DMN-001",
        [](Inventory& i) { i.daemon.warnings = {kTlsNoVerifyWarning}; }, 0);
    // DMN-002
    add(
        "TLS without client verification is critical", "DMN-002",
        [](Inventory& i) { i.daemon.warnings = {kTlsNoVerifyWarning}; }, 1, "critical",
        "https://0.0.0.0:2376");
    add(
        "a plain-TCP warning is not a TLS listener", "DMN-002",
        [](Inventory& i) { i.daemon.warnings = {kPlainTcpWarning}; }, 0);
    // DMN-003
    add(
        "ICC on for docker0 is medium", "DMN-003",
        [](Inventory& i) { i.networks[0].options["com.docker.network.bridge.enable_icc"] = "true"; }, 1,
        "medium", "enable_icc = true");
    add(
        "a missing enable_icc option means the default, on", "DMN-003",
        [](Inventory& i) { i.networks[0].options.erase("com.docker.network.bridge.enable_icc"); }, 1,
        "medium", "not set (default true)");
    add(
        "ICC off passes", "DMN-003", [](Inventory&) {}, 0);
    add(
        "no default bridge at all raises nothing", "DMN-003", [](Inventory& i) { i.networks.clear(); }, 0);
    add(
        "ICC on a user-defined bridge is not the default bridge", "DMN-003",
        [](Inventory& i) {
            Network user;
            user.name = "app-net";
            user.options = {{"com.docker.network.bridge.enable_icc", "true"}};
            i.networks = {user};
        },
        0);
    // DMN-004
    add(
        "an insecure CIDR outside loopback is high", "DMN-004",
        [](Inventory& i) { i.daemon.insecureRegistryCidrs.push_back("10.0.0.0/8"); }, 1, "high", "10.0.0.0/8",
        "127.0.0.0/8");
    add(
        "a registry marked Secure=false is high", "DMN-004",
        [](Inventory& i) {
            i.daemon.indexConfigs.push_back(RegistryIndex{"registry.lan:5000", false, false, {}});
        },
        1, "high", "registry.lan:5000");
    add(
        "the loopback CIDRs alone raise nothing", "DMN-004", [](Inventory&) {}, 0);
    add(
        "an insecure registry on localhost raises nothing", "DMN-004",
        [](Inventory& i) {
            i.daemon.indexConfigs.push_back(RegistryIndex{"localhost:5000", false, false, {}});
        },
        0);
    // DMN-005
    add(
        "aufs is medium", "DMN-005", [](Inventory& i) { i.daemon.driver = "aufs"; }, 1, "medium",
        "Driver = aufs");
    add(
        "devicemapper is not DMN-005's since CIS 1.8.0 gave it a recommendation of its own", "DMN-005",
        [](Inventory& i) { i.daemon.driver = "devicemapper"; }, 0);
    // DMN-022
    add(
        "devicemapper is medium", "DMN-022", [](Inventory& i) { i.daemon.driver = "devicemapper"; }, 1, "medium",
        "Driver = devicemapper");
    add(
        "overlay2 is not devicemapper", "DMN-022", [](Inventory& i) { i.daemon.driver = "overlay2"; }, 0);
    add(
        "overlay v1 is medium", "DMN-005", [](Inventory& i) { i.daemon.driver = "overlay"; }, 1, "medium");
    add(
        "overlay2 passes", "DMN-005", [](Inventory&) {}, 0);
    add(
        "btrfs passes", "DMN-005", [](Inventory& i) { i.daemon.driver = "btrfs"; }, 0);
    // DMN-006
    add(
        "no userns and not rootless is medium", "DMN-006",
        [](Inventory& i) { i.daemon.securityOptions = {"name=seccomp,profile=default"}; }, 1, "medium");
    add(
        "rootless passes", "DMN-006",
        [](Inventory& i) {
            i.daemon.securityOptions = {"name=seccomp,profile=default", "name=rootless"};
        },
        0);
    add(
        "userns remapping passes", "DMN-006", [](Inventory&) {}, 0);
    add(
        "a Windows daemon is not judged on user namespaces", "DMN-006",
        [](Inventory& i) {
            i.daemon.osType = "windows";
            i.daemon.securityOptions.clear();
        },
        0);
    // DMN-007
    add(
        "no authorization plugin is low", "DMN-007",
        [](Inventory& i) { i.daemon.authorizationPlugins.clear(); }, 1, "low", "Plugins.Authorization");
    add(
        "an authorization plugin passes", "DMN-007", [](Inventory&) {}, 0);
    // DMN-008
    add(
        "json-file logging is low", "DMN-008", [](Inventory& i) { i.daemon.loggingDriver = "json-file"; }, 1,
        "low", "LoggingDriver = json-file");
    add(
        "local logging is low", "DMN-008", [](Inventory& i) { i.daemon.loggingDriver = "local"; }, 1, "low");
    add(
        "no logging at all is medium", "DMN-008", [](Inventory& i) { i.daemon.loggingDriver = "none"; }, 1,
        "medium");
    add(
        "journald logging is info", "DMN-008", [](Inventory& i) { i.daemon.loggingDriver = "journald"; }, 1,
        "info");
    add(
        "syslog forwarding passes", "DMN-008", [](Inventory&) {}, 0);
    add(
        "fluentd forwarding passes", "DMN-008", [](Inventory& i) { i.daemon.loggingDriver = "fluentd"; }, 0);
    // DMN-009
    add(
        "live restore off outside a swarm is low", "DMN-009",
        [](Inventory& i) { i.daemon.liveRestoreEnabled = false; }, 1, "low", "LiveRestoreEnabled = false");
    add(
        "live restore off on an active swarm node raises nothing", "DMN-009",
        [](Inventory& i) {
            i.daemon.liveRestoreEnabled = false;
            i.daemon.swarm.localNodeState = "active";
        },
        0);
    add(
        "live restore on passes", "DMN-009", [](Inventory&) {}, 0);
    // DMN-010
    add(
        "an unconfined daemon seccomp profile is high", "DMN-010",
        [](Inventory& i) {
            i.daemon.securityOptions = {"name=userns", "name=seccomp,profile=unconfined"};
        },
        1, "high", "profile=unconfined");
    add(
        "no seccomp item at all is high", "DMN-010",
        [](Inventory& i) { i.daemon.securityOptions = {"name=userns"}; }, 1, "high", "no name=seccomp");
    add(
        "a custom profile path is info to review", "DMN-010",
        [](Inventory& i) { i.daemon.securityOptions = {"name=seccomp,profile=/etc/docker/seccomp.json"}; }, 1,
        "info", "/etc/docker/seccomp.json");
    add(
        "the default profile passes", "DMN-010",
        [](Inventory& i) { i.daemon.securityOptions = {"name=seccomp,profile=default"}; }, 0);
    add(
        "the builtin profile passes", "DMN-010", [](Inventory&) {}, 0);
    // DMN-011
    add(
        "an experimental build is low", "DMN-011", [](Inventory& i) { i.daemon.experimentalBuild = true; }, 1,
        "low", "ExperimentalBuild = true");
    add(
        "experimental reported only by /version is low", "DMN-011",
        [](Inventory& i) { i.daemon.components[0].details["Experimental"] = "true"; }, 1, "low",
        "Components[Engine]");
    add(
        "experimental off passes", "DMN-011", [](Inventory&) {}, 0);
    // DMN-012
    add(
        "debug mode is low", "DMN-012", [](Inventory& i) { i.daemon.debug = true; }, 1, "low",
        "Debug = true");
    add(
        "no debug passes", "DMN-012", [](Inventory&) {}, 0);
    // DMN-013
    add(
        "20.10 in 2026 is past upstream support", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "20.10.24+dfsg1"; }, 1, "medium",
        "20.10 ended 2023-12 (table reviewed");
    add(
        "an outdated engine finding asks to verify distro backports", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "20.10.24+dfsg1"; }, 1, "medium",
        "verify: distro builds (+dfsg, +deb) may carry backported fixes");
    add(
        "a version older than the table has long ended", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "18.09.1"; }, 1, "medium", "18.09 ended before 2021-02");
    add(
        "27.x in 2026 is past upstream support", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "27.5.1"; }, 1, "medium", "27.x ended 2025-03");
    add(
        "27.x before its last month is still supported", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "27.5.1"; }, 0, "", "", "", 1735689600 /* 2025-01-01 */);
    add(
        "the current branch passes", "DMN-013", [](Inventory&) {}, 0);
    add(
        "a version newer than the table is not judged", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "35.0.0"; }, 0);
    add(
        "an unparseable version is not judged", "DMN-013",
        [](Inventory& i) { i.daemon.serverVersion = "dev"; }, 0);
    add(
        "a Podman engine is not judged against Docker's table", "DMN-013",
        [](Inventory& i) {
            i.daemon.serverVersion = "4.9.3";
            i.daemon.components = {ComponentVersion{"Podman Engine", "4.9.3", {}}};
        },
        0);
    // DMN-014
    add(
        "Debian's runc 1.1.5+ds1 is high with a verify note", "DMN-014",
        [](Inventory& i) {
            i.daemon.components[1].version = "1.1.5+ds1";
            i.daemon.runcCommit = "1.1.5+ds1-1+deb12u1";
        },
        1, "high", "such as 1.1.5+ds1-1+deb12u1 may carry the backported fix");
    add(
        "upstream runc 1.1.11 is high without a verify note", "DMN-014",
        [](Inventory& i) {
            i.daemon.components[1].version = "1.1.11";
            i.daemon.runcCommit = "v1.1.11-0-g4bccb38";
        },
        1, "high", "Components[runc].Version = 1.1.11 (< 1.1.12)", "verify");
    add(
        "runc 1.0.0-rc93 is high", "DMN-014",
        [](Inventory& i) { i.daemon.components[1].version = "1.0.0-rc93"; }, 1, "high", "1.0.0-rc93");
    add(
        "runc 1.1.12 passes", "DMN-014", [](Inventory& i) { i.daemon.components[1].version = "1.1.12"; }, 0);
    add(
        "runc 1.2.0-rc.1 passes", "DMN-014",
        [](Inventory& i) { i.daemon.components[1].version = "1.2.0-rc.1"; }, 0);
    add(
        "without a runc component RuncCommit.ID is read", "DMN-014",
        [](Inventory& i) {
            i.daemon.components.pop_back();
            i.daemon.runcCommit = "v1.1.7-0-g860f061";
        },
        1, "high", "RuncCommit.ID = v1.1.7-0-g860f061");
    add(
        "a bare commit hash says nothing about the version", "DMN-014",
        [](Inventory& i) {
            i.daemon.components.pop_back();
            i.daemon.runcCommit = "4bccb38cc9cf198d52bebf2b3a90cd14e7af8c06";
        },
        0);
    // DMN-015
    add(
        "no AppArmor and no SELinux is low", "DMN-015",
        [](Inventory& i) {
            i.daemon.securityOptions = {"name=seccomp,profile=default", "name=userns"};
        },
        1, "low");
    add(
        "SELinux passes", "DMN-015",
        [](Inventory& i) {
            i.daemon.securityOptions = {"name=selinux", "name=seccomp,profile=default"};
        },
        0);
    add(
        "AppArmor passes", "DMN-015", [](Inventory&) {}, 0);
    // DMN-016
    add(
        "no memory limit support is medium", "DMN-016", [](Inventory& i) { i.daemon.memoryLimit = false; }, 1,
        "medium", "MemoryLimit = false");
    add(
        "a swap-limit warning alone is medium", "DMN-016",
        [](Inventory& i) { i.daemon.warnings = {"WARNING: No swap limit support"}; }, 1, "medium",
        "Warnings: No swap limit support");
    add(
        "several missing controls make one finding", "DMN-016",
        [](Inventory& i) {
            i.daemon.pidsLimit = false;
            i.daemon.cpuCfsQuota = false;
        },
        1, "medium", "PidsLimit = false, CpuCfsQuota = false");
    add(
        "a kernel-memory warning is not a missing limit", "DMN-016",
        [](Inventory& i) {
            i.daemon.warnings = {"WARNING: No kernel memory TCP limit support",
                                 "WARNING: No oom kill disable support"};
        },
        0);
    add(
        "full cgroup support passes", "DMN-016", [](Inventory&) {}, 0);
    // DMN-017
    add(
        "bridge-nf-call-iptables off is medium", "DMN-017",
        [](Inventory& i) { i.daemon.bridgeNfIptables = false; }, 1, "medium", "BridgeNfIptables = false");
    add(
        "bridge-nf-call-ip6tables off is medium", "DMN-017",
        [](Inventory& i) { i.daemon.bridgeNfIp6tables = false; }, 1, "medium", "BridgeNfIp6tables = false");
    add(
        "the warning alone is read when the fields are gone", "DMN-017",
        [](Inventory& i) { i.daemon.warnings = {"WARNING: bridge-nf-call-iptables is disabled"}; }, 1,
        "medium", "bridge-nf-call-iptables is disabled");
    add(
        "netfilter on passes", "DMN-017", [](Inventory&) {}, 0);
    // DMN-018
    add(
        "a wildcard default bind address is info", "DMN-018",
        [](Inventory& i) {
            i.networks[0].options["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0";
        },
        1, "info", "host_binding_ipv4 = 0.0.0.0");
    add(
        "a missing host_binding_ipv4 means the default 0.0.0.0", "DMN-018",
        [](Inventory& i) { i.networks[0].options.erase("com.docker.network.bridge.host_binding_ipv4"); }, 1,
        "info", "default 0.0.0.0");
    add(
        "a loopback default bind address passes", "DMN-018", [](Inventory&) {}, 0);
    add(
        "no default bridge raises no bind-address finding", "DMN-018",
        [](Inventory& i) { i.networks.clear(); }, 0);
    // DMN-019
    add(
        "cgroup v1 is info", "DMN-019", [](Inventory& i) { i.daemon.cgroupVersion = "1"; }, 1, "info",
        "CgroupVersion = 1");
    add(
        "cgroup v2 without a private cgroupns default is info", "DMN-019",
        [](Inventory& i) { i.daemon.securityOptions = {"name=seccomp,profile=default"}; }, 1, "info",
        "lacks name=cgroupns");
    add(
        "cgroup v2 with cgroupns passes", "DMN-019", [](Inventory&) {}, 0);
    add(
        "an unknown cgroup version is not judged", "DMN-019",
        [](Inventory& i) { i.daemon.cgroupVersion.clear(); }, 0);
    // DMN-020
    add(
        "the containerd v1 shim as default runtime is low", "DMN-020",
        [](Inventory& i) { i.daemon.defaultRuntime = "io.containerd.runtime.v1.linux"; }, 1, "low",
        "io.containerd.runtime.v1.linux");
    add(
        "runc as default runtime passes", "DMN-020", [](Inventory&) {}, 0);
    // DMN-021
    add(
        "an enabled plugin with added capabilities is medium", "DMN-021",
        [](Inventory& i) { i.plugins.push_back(privilegedPlugin(true)); }, 1, "medium", "CAP_SYS_ADMIN");
    add(
        "a disabled privileged plugin raises nothing", "DMN-021",
        [](Inventory& i) { i.plugins.push_back(privilegedPlugin(false)); }, 0);
    add(
        "a plugin on the host network is medium", "DMN-021",
        [](Inventory& i) { i.plugins[0].networkType = "host"; }, 1, "medium", "Config.Network.Type = host");
    add(
        "a plugin mounting the host root is medium", "DMN-021",
        [](Inventory& i) {
            i.plugins[0].mountSources = {"/var/lib/plugin", "/"};
        },
        1, "medium", "Settings.Mounts source /");
    add(
        "a plugin with host PID, IPC and all devices lists every grant", "DMN-021",
        [](Inventory& i) {
            i.plugins[0].pidHost = true;
            i.plugins[0].ipcHost = true;
            i.plugins[0].allowAllDevices = true;
        },
        1, "medium", "AllowAllDevices = true; Config.PidHost = true; Config.IpcHost = true");
    add(
        "an enabled plugin with no host grants passes", "DMN-021", [](Inventory&) {}, 0);
}

void TestDaemonRules::rule()
{
    QFETCH(QString, ruleId);
    QFETCH(Mutator, mutate);
    QFETCH(int, count);
    QFETCH(QString, severity);
    QFETCH(QString, evidence);
    QFETCH(QString, notInEvidence);
    QFETCH(qint64, now);

    QVERIFY2(m_catalogue.find(ruleId.toStdString()), "rule not registered");
    Inventory inventory = hardenedInventory();
    mutate(inventory);
    const auto findings = evaluateCatalogue(m_catalogue, inventory, ruleId.toStdString(), now);
    QCOMPARE(int(findings.size()), count);
    for (const auto& f : findings) {
        QCOMPARE(QString::fromStdString(f.ruleId), ruleId);
        QCOMPARE(f.area, Area::Daemon);
        QVERIFY(!f.evidence.empty());
        if (!severity.isEmpty()) {
            QCOMPARE(QString(toString(f.severity)), severity);
        }
        if (!evidence.isEmpty() && &f == &findings.front()) {
            QVERIFY2(QString::fromStdString(f.evidence).contains(evidence), f.evidence.c_str());
        }
        if (!notInEvidence.isEmpty()) {
            QVERIFY2(!QString::fromStdString(f.evidence).contains(notInEvidence), f.evidence.c_str());
        }
    }
}

void TestDaemonRules::aHardenedDaemonRaisesNothing()
{
    const auto findings = evaluateCatalogue(m_catalogue, hardenedInventory(), "", kNow);
    for (const auto& f : findings) {
        qWarning("unexpected %s: %s", f.ruleId.c_str(), f.evidence.c_str());
    }
    QVERIFY(findings.empty());
}

void TestDaemonRules::thisMachinesDaemonRaisesTheExpectedFindings()
{
    const std::map<std::string, Severity> expected{
        {"DMN-003", Severity::Medium}, // ICC on for docker0 (stock default)
        {"DMN-006", Severity::Medium}, // no userns remapping
        {"DMN-007", Severity::Low},    // no authorization plugin
        {"DMN-008", Severity::Low},    // json-file
        {"DMN-009", Severity::Low},    // no live restore, swarm inactive
        {"DMN-013", Severity::Medium}, // 20.10 ended upstream 2023-12
        {"DMN-014", Severity::High},   // runc 1.1.5+ds1 (Debian may have backported the fix: verify)
        {"DMN-015", Severity::Low},    // no AppArmor/SELinux
        {"DMN-018", Severity::Info},   // wildcard default bind address
        {"DMN-019", Severity::Info},   // cgroup v1
    };
    const auto findings = evaluateCatalogue(m_catalogue, machineInventory(), "", kNow);
    std::map<std::string, Severity> actual;
    for (const auto& f : findings) {
        QVERIFY2(actual.emplace(f.ruleId, f.severity).second, ("duplicate finding " + f.ruleId).c_str());
    }
    for (const auto& [id, severity] : actual) {
        QVERIFY2(expected.count(id), ("unexpected " + id).c_str());
        QCOMPARE(severity, expected.at(id));
    }
    for (const auto& [id, severity] : expected) {
        QVERIFY2(actual.count(id), ("missing " + id).c_str());
    }
    // The two version findings carry the exact values and the verify notes.
    for (const auto& f : findings) {
        if (f.ruleId == "DMN-013") {
            QVERIFY(f.evidence.find("ServerVersion = 20.10.24+dfsg1") != std::string::npos);
            QVERIFY(f.evidence.find("verify: distro builds (+dfsg, +deb)") != std::string::npos);
        }
        if (f.ruleId == "DMN-014") {
            QVERIFY(f.evidence.find("Components[runc].Version = 1.1.5+ds1 (< 1.1.12)") != std::string::npos);
            QVERIFY(f.evidence.find("1.1.5+ds1-1+deb12u1") != std::string::npos);
        }
    }
}

void TestDaemonRules::daemonFindingsNameTheDaemonAndPluginFindingsThePlugin()
{
    Inventory inventory = machineInventory();
    inventory.plugins.push_back(privilegedPlugin(true));
    for (const auto& f : evaluateCatalogue(m_catalogue, inventory, "", kNow)) {
        if (f.ruleId == "DMN-021") {
            QCOMPARE(f.object.type, ObjectType::Plugin);
            QCOMPARE(f.object.id, std::string("5d6f0c1a"));
            QCOMPARE(f.object.name, std::string("acme/netplug:1.0"));
        } else {
            QCOMPARE(f.object.type, ObjectType::Daemon);
            QCOMPARE(f.object.id, inventory.daemon.id);
            QCOMPARE(f.object.name, std::string("vm"));
        }
        QVERIFY(f.remediation.dockerfile.empty());
        QVERIFY(f.remediation.edits.empty());
    }
}

void TestDaemonRules::proxyCredentialsNeverReachEvidence()
{
    Inventory inventory = machineInventory();
    const std::string proxy = "http://builder:Sup3rS3cretPw@proxy.corp:3128";
    inventory.daemon.httpProxy = proxy;
    inventory.daemon.httpsProxy = proxy;
    inventory.daemon.warnings = {
        kPlainTcpWarning, kTlsNoVerifyWarning,
        "WARNING: API is accessible on http://admin:Sup3rS3cretPw@0.0.0.0:2375 without "
        "encryption.",
        "WARNING: No swap limit support via " + proxy};
    const auto findings = evaluateCatalogue(m_catalogue, inventory, "", kNow);
    QVERIFY(!findings.empty());
    for (const auto& f : findings) {
        QVERIFY2(f.evidence.find("Sup3rS3cretPw") == std::string::npos, f.evidence.c_str());
        QVERIFY2(f.title.find("Sup3rS3cretPw") == std::string::npos, f.title.c_str());
    }
}

void TestDaemonRules::everyDaemonRuleIsRegisteredWithItsTexts()
{
    verifyAreaRules(m_catalogue, Area::Daemon, "DMN", 22);
    // The daemon.json change lives in the fix text of the rules that have one.
    for (const char* id : {"DMN-001", "DMN-003", "DMN-005", "DMN-008", "DMN-009", "DMN-018", "DMN-020", "DMN-022"}) {
        QVERIFY2(m_catalogue.find(id)->info().fix.find("daemon.json") != std::string::npos, id);
    }
    QCOMPARE(m_catalogue.find("DMN-001")->info().cis.id, std::string("2.7"));
    QCOMPARE(m_catalogue.find("DMN-013")->info().cis.id, std::string("1.2.2"));
    QCOMPARE(m_catalogue.find("DMN-014")->info().defaultSeverity, Severity::High);
}

void TestDaemonRules::theBuiltInCatalogueHasTheDaemonRules()
{
    const RuleCatalogue builtIn = RuleCatalogue::builtIn();
    for (const auto& rule : m_catalogue.rules()) {
        const Rule* found = builtIn.find(rule->info().id);
        QVERIFY2(found, rule->info().id.c_str());
        QCOMPARE(found->info().title, rule->info().title);
    }
}

void TestDaemonRules::versionTriple_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("major");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("patch");
    QTest::addColumn<bool>("preRelease");

    QTest::newRow("a Debian engine version") << "20.10.24+dfsg1" << true << 20 << 10 << 24 << false;
    QTest::newRow("a Debian runc version") << "1.1.5+ds1" << true << 1 << 1 << 5 << false;
    QTest::newRow("git describe of a release tag") << "v1.1.12-0-g51d5e94" << true << 1 << 1 << 12 << false;
    QTest::newRow("a release candidate") << "1.0.0-rc93" << true << 1 << 0 << 0 << true;
    QTest::newRow("a dotted pre-release") << "v28.0.0-rc.1" << true << 28 << 0 << 0 << true;
    QTest::newRow("major.minor only") << "19.03" << true << 19 << 3 << 0 << false;
    QTest::newRow("a commit hash") << "51d5e94601ceffbbd85688df1c928ecccbfa4685" << false << 0 << 0 << 0
                                   << false;
    QTest::newRow("an empty string") << "" << false << 0 << 0 << 0 << false;
    QTest::newRow("a major alone") << "29" << false << 0 << 0 << 0 << false;
    QTest::newRow("an absurdly long number") << "99999999999999.1.1" << false << 0 << 0 << 0 << false;
}

void TestDaemonRules::versionTriple()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto v = daemonfacts::parseVersionTriple(text.toStdString());
    QCOMPARE(v.has_value(), valid);
    if (valid) {
        QTEST(v->major, "major");
        QTEST(v->minor, "minor");
        QTEST(v->patch, "patch");
        QTEST(v->preRelease, "preRelease");
    }
    // Ordering used by DMN-014: pre-releases sort before their release, numbers compare numerically.
    const auto p = [](const char* s) { return *daemonfacts::parseVersionTriple(s); };
    QVERIFY(daemonfacts::versionBefore(p("1.1.9"), p("1.1.12")));
    QVERIFY(daemonfacts::versionBefore(p("1.0.0-rc93"), p("1.0.0")));
    QVERIFY(!daemonfacts::versionBefore(p("1.1.12+ds1"), p("1.1.12")));
    QVERIFY(!daemonfacts::versionBefore(p("1.2.0-rc.1"), p("1.1.12")));
}

void TestDaemonRules::engineSupport_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("status"); // EngineSupportVerdict::Status
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("endedOn");

    const int supported = int(EngineSupportVerdict::Status::Supported);
    const int ended = int(EngineSupportVerdict::Status::Ended);
    const int unknown = int(EngineSupportVerdict::Status::Unknown);
    const qint64 dec2023 = *parseRfc3339("2023-12-31T23:59:59Z");
    const qint64 jan2024 = *parseRfc3339("2024-01-01T00:00:00Z");
    QTest::newRow("20.10 on its last supported day") << "20.10.27" << dec2023 << supported << "20.10"
                                                     << "2023-12";
    QTest::newRow("20.10 the day after") << "20.10.27" << jan2024 << ended << "20.10"
                                         << "2023-12";
    QTest::newRow("23.0 in 2026") << "23.0.6" << kNow << ended << "23.0"
                                  << "2023-05";
    QTest::newRow("26.1 is its own branch") << "26.1.4" << kNow << ended << "26.1"
                                            << "2024-07";
    QTest::newRow("every 28 minor is one branch") << "28.5.2" << kNow << ended << "28.x"
                                                  << "2025-12";
    QTest::newRow("29.x is maintained") << "29.0.1" << kNow << supported << "29.x"
                                        << "";
    QTest::newRow("1.13 from an old distro") << "1.13.1" << kNow << ended << "1.13"
                                             << "before 2021-02";
    QTest::newRow("a branch that never existed") << "22.06.0" << kNow << unknown << "22.06"
                                                 << "";
    QTest::newRow("newer than the table") << "31.0.0" << kNow << unknown << "31.0"
                                          << "";
    QTest::newRow("garbage") << "latest" << kNow << unknown << ""
                             << "";
}

void TestDaemonRules::engineSupport()
{
    QFETCH(QString, version);
    QFETCH(qint64, now);
    const EngineSupportVerdict verdict = drydock::engineSupport(version.toStdString(), now);
    QTEST(int(verdict.status), "status");
    QTEST(QString::fromStdString(verdict.branch), "branch");
    QTEST(QString::fromStdString(verdict.endedOn), "endedOn");
}

void TestDaemonRules::theEngineSupportTableIsOrderedAndEndsWithAMaintainedBranch()
{
    const auto& table = engineSupportTable();
    QVERIFY(table.size() >= 5);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& e = table[i];
        QVERIFY(std::string(e.branch).size() >= 4);
        if (i + 1 < table.size()) {
            const auto& next = table[i + 1];
            QVERIFY2(std::pair(e.major, e.minor) < std::pair(next.major, next.minor), e.branch);
            QVERIFY2(e.lastYear >= 2020 && e.lastMonth >= 1 && e.lastMonth <= 12, e.branch);
            // Every ended branch ended no later than the month the table was last reviewed.
            char month[16];
            std::snprintf(month, sizeof month, "%04d-%02d", e.lastYear, e.lastMonth);
            QVERIFY2(std::string(month) <= engineSupportTableReviewed(), e.branch);
        } else {
            QCOMPARE(e.lastYear, 0); // the newest branch is the maintained one
        }
    }
    QCOMPARE(QString(engineSupportTableReviewed()).size(), 7);
}

QTEST_APPLESS_MAIN(TestDaemonRules)
#include "TestDaemonRules.moc"
