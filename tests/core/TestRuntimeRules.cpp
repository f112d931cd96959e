#include "core/common/Time.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/runtime/RuntimeRules.h"
#include "core/rules/runtime/SecurityOpt.h"

#include "tests/core/FindingDescriptions.h"
#include "tests/support/RuleFixtures.h"

#include <QtTest>

using namespace drydock;
using namespace drydock::test;

namespace {

const std::int64_t kNow = *parseRfc3339("2026-11-28T10:00:00Z");
constexpr std::int64_t kMiB = 1024 * 1024;

// One running container that every runtime rule accepts, on an AppArmor host; each row breaks one thing.
Inventory hardenedInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.daemon.id = "daemon-1";
    inv.daemon.securityOptions = {"name=apparmor", "name=seccomp,profile=default"};

    Image image;
    image.id = "sha256:1111";
    image.repoTags = {"shop/web:1.4"};
    image.config.healthcheck = Healthcheck{{"CMD-SHELL", "wget -q -O /dev/null http://localhost/health"}};
    inv.images.push_back(image);

    Container c;
    c.id = "c0ffee0000000000000000000000000000000000000000000000000000000001";
    c.name = "web";
    c.imageId = image.id;
    c.state.status = "running";
    c.state.running = true;
    c.state.startedAt = "2026-11-20T08:00:00Z";
    c.state.finishedAt = "0001-01-01T00:00:00Z";
    c.state.health = HealthState{"healthy", 0};
    c.appArmorProfile = "docker-default";
    c.processLabel = "system_u:system_r:container_t:s0:c1,c2";
    c.config.image = "shop/web:1.4";
    c.config.healthcheck = image.config.healthcheck;
    c.hostConfig.networkMode = "appnet";
    c.hostConfig.restartPolicy = {"on-failure", 3};
    c.hostConfig.securityOpt = {"no-new-privileges:true"};
    c.hostConfig.memory = 512 * kMiB;
    c.hostConfig.memorySwap = 512 * kMiB;
    c.hostConfig.nanoCpus = 1'000'000'000;
    c.hostConfig.pidsLimit = 256;
    c.hostConfig.ulimits = {{"nofile", 1024, 2048}};
    c.hostConfig.logConfig = {"json-file", {{"max-size", "10m"}, {"max-file", "3"}}};
    c.hostConfig.runtime = "runc";
    c.changes = std::vector<FileChange>{{"/tmp", 0}, {"/tmp/cache.db", 1}};
    inv.containers.push_back(c);
    return inv;
}

Container& web(Inventory& inv) { return inv.containers.front(); }

std::vector<Finding> evaluate(const Rule& rule, const Inventory& inventory)
{
    return evaluateRule(rule, inventory, kNow);
}

} // namespace

// The runtime rules (RUN-001 … RUN-018) on hand-made containers: when each fires, how severe, what it shows
// as evidence and which edits it proposes for the docker run command.
class TestRuntimeRules : public QObject
{
    Q_OBJECT

private slots:
    void catalogueHasEveryRuntimeRuleWithItsTexts();
    void ruleDefaults_data();
    void ruleDefaults();
    void hardenedContainerRaisesNoRuntimeFinding();
    void rule_data();
    void rule();
    void healthHintFromAnExecFormImageCheckIsAShellCommand();
    void seccompDefaultAction_data();
    void seccompDefaultAction();
    void securityOptSplitsLikeDockerd_data();
    void securityOptSplitsLikeDockerd();
};

void TestRuntimeRules::catalogueHasEveryRuntimeRuleWithItsTexts()
{
    verifyAreaRules(areaCatalogue(registerRuntimeRules), Area::Runtime, "RUN", 18);
}

void TestRuntimeRules::ruleDefaults_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("cisId");
    QTest::newRow("RUN-001 seccomp off is high, CIS 5.22") << "RUN-001" << "high" << "5.22";
    QTest::newRow("RUN-002 permissive profile is high, CIS 5.22") << "RUN-002" << "high" << "5.22";
    QTest::newRow("RUN-003 AppArmor is high, CIS 5.2") << "RUN-003" << "high" << "5.2";
    QTest::newRow("RUN-004 SELinux is high, CIS 5.3") << "RUN-004" << "high" << "5.3";
    QTest::newRow("RUN-005 no-new-privileges is medium, CIS 5.26") << "RUN-005" << "medium" << "5.26";
    QTest::newRow("RUN-006 memory is medium, CIS 5.11") << "RUN-006" << "medium" << "5.11";
    QTest::newRow("RUN-007 swap is low, no CIS control") << "RUN-007" << "low" << "";
    QTest::newRow("RUN-008 CPU is low, CIS 5.12") << "RUN-008" << "low" << "5.12";
    QTest::newRow("RUN-009 PIDs is medium, CIS 5.29") << "RUN-009" << "medium" << "5.29";
    QTest::newRow("RUN-010 OOM is medium, no CIS control") << "RUN-010" << "medium" << "";
    QTest::newRow("RUN-011 restart is low, CIS 5.15") << "RUN-011" << "low" << "5.15";
    QTest::newRow("RUN-012 health is low, CIS 5.27") << "RUN-012" << "low" << "5.27";
    QTest::newRow("RUN-013 ulimits is info, CIS 5.19") << "RUN-013" << "info" << "5.19";
    QTest::newRow("RUN-014 drift is medium, no CIS control") << "RUN-014" << "medium" << "";
    QTest::newRow("RUN-015 logging is medium, CIS 2.13") << "RUN-015" << "medium" << "2.13";
    QTest::newRow("RUN-016 runtime is info, no CIS control") << "RUN-016" << "info" << "";
    QTest::newRow("RUN-017 crash loop is low, no CIS control") << "RUN-017" << "low" << "";
    QTest::newRow("RUN-018 stale container is info, CIS 6.2") << "RUN-018" << "info" << "6.2";
}

void TestRuntimeRules::ruleDefaults()
{
    QFETCH(QString, id);
    QFETCH(QString, severity);
    QFETCH(QString, cisId);
    verifyRuleDefaults(areaCatalogue(registerRuntimeRules), id, severity, cisId);
}

void TestRuntimeRules::hardenedContainerRaisesNoRuntimeFinding()
{
    Inventory inv = hardenedInventory();
    inv.daemon.securityOptions.push_back("name=selinux");
    verifyNoFindings(areaCatalogue(registerRuntimeRules), inv, kNow);
}

void TestRuntimeRules::rule_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<InventorySetup>("setup");
    QTest::addColumn<QStringList>("findings"); // "severity[|discriminator]" per finding
    QTest::addColumn<QString>("evidence");     // of the first finding
    QTest::addColumn<QStringList>("edits");    // of the first finding

    const auto opts = [](StringList o) { return [o](Inventory& i) { web(i).hostConfig.securityOpt = o; }; };
    const QStringList none;
    const QStringList addNnp{"add --security-opt no-new-privileges:true"};

    // RUN-001
    QTest::newRow("RUN-001 fires on seccomp=unconfined")
        << "RUN-001" << InventorySetup(opts({"no-new-privileges", "seccomp=unconfined"})) << QStringList{"high"}
        << "HostConfig.SecurityOpt has seccomp=unconfined"
        << QStringList{"remove-value --security-opt seccomp=unconfined"};
    QTest::newRow("RUN-001 fires on the deprecated seccomp:unconfined form")
        << "RUN-001" << InventorySetup(opts({"seccomp:unconfined"})) << QStringList{"high"}
        << "HostConfig.SecurityOpt has seccomp:unconfined"
        << QStringList{"remove-value --security-opt seccomp:unconfined"};
    QTest::newRow("RUN-001 fires on a privileged container, leaving --privileged to its own rule")
        << "RUN-001" << InventorySetup([](Inventory& i) { web(i).hostConfig.privileged = true; })
        << QStringList{"high"} << "HostConfig.Privileged = true (no seccomp filter)" << none;
    QTest::newRow("RUN-001 stays quiet with a custom profile")
        << "RUN-001" << InventorySetup(opts({R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO"})"})) << none << ""
        << none;

    // RUN-002
    QTest::newRow("RUN-002 fires on an inlined profile that allows by default")
        << "RUN-002"
        << InventorySetup(opts({"seccomp={\n  \"defaultAction\" :\t\"SCMP_ACT_ALLOW\",\n  \"syscalls\": []\n}"}))
        << QStringList{"high"} << "HostConfig.SecurityOpt seccomp profile defaultAction = SCMP_ACT_ALLOW"
        << QStringList{"remove-value --security-opt seccomp={\n  \"defaultAction\" :\t\"SCMP_ACT_ALLOW\",\n  "
                       "\"syscalls\": []\n}"};
    QTest::newRow("RUN-002 fires on an inlined profile that only logs")
        << "RUN-002" << InventorySetup(opts({R"(seccomp={"defaultAction":"SCMP_ACT_LOG"})"}))
        << QStringList{"high"} << "HostConfig.SecurityOpt seccomp profile defaultAction = SCMP_ACT_LOG"
        << QStringList{R"(remove-value --security-opt seccomp={"defaultAction":"SCMP_ACT_LOG"})"};
    QTest::newRow("RUN-002 stays quiet on a deny-by-default profile")
        << "RUN-002" << InventorySetup(opts({R"(seccomp={"defaultAction": "SCMP_ACT_ERRNO"})"})) << none << ""
        << none;
    QTest::newRow("RUN-002 leaves seccomp=unconfined to RUN-001")
        << "RUN-002" << InventorySetup(opts({"seccomp=unconfined"})) << none << "" << none;

    // RUN-003
    QTest::newRow("RUN-003 fires on apparmor=unconfined")
        << "RUN-003"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.securityOpt = {"apparmor=unconfined", "no-new-privileges"};
               web(i).appArmorProfile = "unconfined";
           })
        << QStringList{"high"} << "HostConfig.SecurityOpt has apparmor=unconfined"
        << QStringList{"remove-value --security-opt apparmor=unconfined",
                       "add --security-opt apparmor=docker-default"};
    QTest::newRow("RUN-003 fires on an empty profile on an AppArmor host")
        << "RUN-003" << InventorySetup([](Inventory& i) { web(i).appArmorProfile.clear(); })
        << QStringList{"high"} << "AppArmorProfile = \"\""
        << QStringList{"add --security-opt apparmor=docker-default"};
    QTest::newRow("RUN-003 does not apply on a host without AppArmor")
        << "RUN-003"
        << InventorySetup([](Inventory& i) {
               i.daemon.securityOptions = {"name=seccomp,profile=default"};
               web(i).appArmorProfile = "unconfined";
           })
        << none << "" << none;

    // RUN-004
    QTest::newRow("RUN-004 fires on label=disable on an SELinux host")
        << "RUN-004"
        << InventorySetup([](Inventory& i) {
               i.daemon.securityOptions.push_back("name=selinux");
               web(i).hostConfig.securityOpt = {"label=disable", "no-new-privileges"};
           })
        << QStringList{"high"} << "HostConfig.SecurityOpt has label=disable"
        << QStringList{"remove-value --security-opt label=disable"};
    QTest::newRow("RUN-004 fires on label:disable and an empty process label")
        << "RUN-004"
        << InventorySetup([](Inventory& i) {
               i.daemon.securityOptions.push_back("name=selinux");
               web(i).hostConfig.securityOpt = {"label:disable"};
               web(i).processLabel.clear();
           })
        << QStringList{"high"} << "HostConfig.SecurityOpt has label:disable"
        << QStringList{"remove-value --security-opt label:disable"};
    QTest::newRow("RUN-004 fires on an empty process label alone")
        << "RUN-004"
        << InventorySetup([](Inventory& i) {
               i.daemon.securityOptions.push_back("name=selinux");
               web(i).processLabel.clear();
           })
        << QStringList{"high"} << "ProcessLabel = \"\"" << none;
    QTest::newRow("RUN-004 does not apply on a host without SELinux")
        << "RUN-004" << InventorySetup([](Inventory& i) { web(i).hostConfig.securityOpt = {"label=disable"}; })
        << none << "" << none;

    // RUN-005
    QTest::newRow("RUN-005 fires when no-new-privileges is missing")
        << "RUN-005" << InventorySetup(opts({})) << QStringList{"medium"}
        << "HostConfig.SecurityOpt lacks no-new-privileges" << addNnp;
    QTest::newRow("RUN-005 counts no-new-privileges=false as missing")
        << "RUN-005" << InventorySetup(opts({"no-new-privileges=false"})) << QStringList{"medium"}
        << "HostConfig.SecurityOpt has no-new-privileges=false"
        << QStringList{"remove-value --security-opt no-new-privileges=false",
                       "add --security-opt no-new-privileges:true"};
    QTest::newRow("RUN-005 lets a later false override an earlier true, as dockerd does")
        << "RUN-005" << InventorySetup(opts({"no-new-privileges", "no-new-privileges:false"}))
        << QStringList{"medium"} << "HostConfig.SecurityOpt has no-new-privileges:false"
        << QStringList{"remove-value --security-opt no-new-privileges",
                       "remove-value --security-opt no-new-privileges:false",
                       "add --security-opt no-new-privileges:true"};
    QTest::newRow("RUN-005 accepts the bare form") << "RUN-005" << InventorySetup(opts({"no-new-privileges"}))
                                                   << none << "" << none;
    QTest::newRow("RUN-005 accepts the =true form") << "RUN-005"
                                                    << InventorySetup(opts({"no-new-privileges=true"})) << none
                                                    << "" << none;
    QTest::newRow("RUN-005 accepts Go's other true spellings")
        << "RUN-005" << InventorySetup(opts({"no-new-privileges:1"})) << none << "" << none;

    // RUN-006
    QTest::newRow("RUN-006 fires without a memory limit")
        << "RUN-006"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.memory = 0;
               web(i).hostConfig.memorySwap = 0;
           })
        << QStringList{"medium"} << "HostConfig.Memory = 0 (unlimited)"
        << QStringList{"add --memory 512m", "add --memory-swap 512m"};
    QTest::newRow("RUN-006 replaces a lone --memory-swap")
        << "RUN-006"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.memory = 0;
               web(i).hostConfig.memorySwap = -1;
           })
        << QStringList{"medium"} << "HostConfig.Memory = 0 (unlimited)"
        << QStringList{"remove --memory-swap", "add --memory 512m", "add --memory-swap 512m"};

    // RUN-007
    QTest::newRow("RUN-007 fires on unlimited swap with a memory limit")
        << "RUN-007" << InventorySetup([](Inventory& i) { web(i).hostConfig.memorySwap = -1; })
        << QStringList{"low"} << "HostConfig.MemorySwap = -1 with Memory = 512m"
        << QStringList{"remove --memory-swap", "add --memory-swap 512m"};
    QTest::newRow("RUN-007 writes an odd limit in bytes")
        << "RUN-007"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.memory = 100'000'000;
               web(i).hostConfig.memorySwap = -1;
           })
        << QStringList{"low"} << "HostConfig.MemorySwap = -1 with Memory = 100000000"
        << QStringList{"remove --memory-swap", "add --memory-swap 100000000"};
    QTest::newRow("RUN-007 leaves the no-limit case to RUN-006")
        << "RUN-007"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.memory = 0;
               web(i).hostConfig.memorySwap = -1;
           })
        << none << "" << none;

    // RUN-008
    QTest::newRow("RUN-008 fires without any CPU limit or weight")
        << "RUN-008" << InventorySetup([](Inventory& i) { web(i).hostConfig.nanoCpus = 0; }) << QStringList{"low"}
        << "HostConfig.NanoCpus, CpuQuota and CpuShares = 0, CpusetCpus empty" << QStringList{"add --cpus 1.0"};
    QTest::newRow("RUN-008 accepts a CPU weight")
        << "RUN-008"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.nanoCpus = 0;
               web(i).hostConfig.cpuShares = 512;
           })
        << none << "" << none;
    QTest::newRow("RUN-008 accepts pinned CPUs")
        << "RUN-008"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.nanoCpus = 0;
               web(i).hostConfig.cpusetCpus = "0-1";
           })
        << none << "" << none;

    // RUN-009
    QTest::newRow("RUN-009 fires on a null PIDs limit")
        << "RUN-009" << InventorySetup([](Inventory& i) { web(i).hostConfig.pidsLimit.reset(); })
        << QStringList{"medium"} << "HostConfig.PidsLimit = null (unlimited)" << QStringList{"add --pids-limit 256"};
    QTest::newRow("RUN-009 fires on a stored -1")
        << "RUN-009" << InventorySetup([](Inventory& i) { web(i).hostConfig.pidsLimit = -1; })
        << QStringList{"medium"} << "HostConfig.PidsLimit = -1 (unlimited)"
        << QStringList{"remove --pids-limit", "add --pids-limit 256"};
    QTest::newRow("RUN-009 accepts a limit of one")
        << "RUN-009" << InventorySetup([](Inventory& i) { web(i).hostConfig.pidsLimit = 1; }) << none << "" << none;

    // RUN-010
    QTest::newRow("RUN-010 fires on --oom-kill-disable without a memory limit")
        << "RUN-010"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.oomKillDisable = true;
               web(i).hostConfig.memory = 0;
           })
        << QStringList{"medium|oom-kill-disable"} << "HostConfig.OomKillDisable = true with Memory = 0"
        << QStringList{"remove --oom-kill-disable"};
    QTest::newRow("RUN-010 accepts --oom-kill-disable with a memory limit")
        << "RUN-010" << InventorySetup([](Inventory& i) { web(i).hostConfig.oomKillDisable = true; }) << none << ""
        << none;
    QTest::newRow("RUN-010 fires low on a negative OOM score")
        << "RUN-010" << InventorySetup([](Inventory& i) { web(i).hostConfig.oomScoreAdj = -500; })
        << QStringList{"low|oom-score-adj"} << "HostConfig.OomScoreAdj = -500"
        << QStringList{"remove --oom-score-adj"};
    QTest::newRow("RUN-010 reports both misuses separately")
        << "RUN-010"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.oomKillDisable = true;
               web(i).hostConfig.memory = 0;
               web(i).hostConfig.oomScoreAdj = -1;
           })
        << QStringList{"medium|oom-kill-disable", "low|oom-score-adj"}
        << "HostConfig.OomKillDisable = true with Memory = 0" << QStringList{"remove --oom-kill-disable"};
    QTest::newRow("RUN-010 accepts a positive OOM score")
        << "RUN-010" << InventorySetup([](Inventory& i) { web(i).hostConfig.oomScoreAdj = 500; }) << none << ""
        << none;

    // RUN-011
    const QStringList boundedRestart{"remove --restart", "add --restart on-failure:5"};
    QTest::newRow("RUN-011 fires on always")
        << "RUN-011" << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"always", 0}; })
        << QStringList{"low"} << "HostConfig.RestartPolicy = always" << boundedRestart;
    QTest::newRow("RUN-011 fires on unless-stopped")
        << "RUN-011"
        << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"unless-stopped", 0}; })
        << QStringList{"low"} << "HostConfig.RestartPolicy = unless-stopped" << boundedRestart;
    QTest::newRow("RUN-011 fires on on-failure without a bound")
        << "RUN-011" << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"on-failure", 0}; })
        << QStringList{"low"} << "HostConfig.RestartPolicy = on-failure:0 (unlimited)" << boundedRestart;
    QTest::newRow("RUN-011 fires on on-failure:6")
        << "RUN-011" << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"on-failure", 6}; })
        << QStringList{"low"} << "HostConfig.RestartPolicy = on-failure:6" << boundedRestart;
    QTest::newRow("RUN-011 accepts on-failure:5")
        << "RUN-011" << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"on-failure", 5}; })
        << none << "" << none;
    QTest::newRow("RUN-011 accepts no restart policy")
        << "RUN-011" << InventorySetup([](Inventory& i) { web(i).hostConfig.restartPolicy = {"no", 0}; }) << none
        << "" << none;

    // RUN-012
    QTest::newRow("RUN-012 fires low without a health check and suggests none when the image has none")
        << "RUN-012"
        << InventorySetup([](Inventory& i) {
               i.images.front().config.healthcheck.reset();
               web(i).config.healthcheck.reset();
               web(i).state.health.reset();
           })
        << QStringList{"low"} << "Config.Healthcheck absent" << none;
    QTest::newRow("RUN-012 restores the image's check after --no-healthcheck")
        << "RUN-012"
        << InventorySetup([](Inventory& i) {
               web(i).config.healthcheck = Healthcheck{{"NONE"}};
               web(i).state.health.reset();
           })
        << QStringList{"low"} << "Config.Healthcheck.Test = [NONE]"
        << QStringList{"remove --no-healthcheck", "add --health-cmd wget -q -O /dev/null http://localhost/health"};
    QTest::newRow("RUN-012 fires medium on an unhealthy container")
        << "RUN-012" << InventorySetup([](Inventory& i) { web(i).state.health = HealthState{"unhealthy", 4}; })
        << QStringList{"medium"} << "State.Health.Status = unhealthy (failing streak 4)" << none;
    QTest::newRow("RUN-012 accepts a check that is still starting")
        << "RUN-012" << InventorySetup([](Inventory& i) { web(i).state.health = HealthState{"starting", 0}; })
        << none << "" << none;

    // RUN-013
    QTest::newRow("RUN-013 notes a container without ulimits")
        << "RUN-013" << InventorySetup([](Inventory& i) { web(i).hostConfig.ulimits.clear(); })
        << QStringList{"info"} << "HostConfig.Ulimits = []" << none;

    // RUN-014
    QTest::newRow("RUN-014 fires on changed binaries and config, naming files rather than parent directories")
        << "RUN-014"
        << InventorySetup([](Inventory& i) {
               web(i).changes = std::vector<FileChange>{{"/usr", 0},           {"/usr/bin", 0},
                                                        {"/usr/bin/curl", 1}, {"/etc", 0},
                                                        {"/etc/passwd", 0},   {"/lib64/libevil.so", 1},
                                                        {"/sbin/su", 2},      {"/var/log/app.log", 1}};
           })
        << QStringList{"medium"}
        << "Changes: 4 under system paths: A /usr/bin/curl, C /etc/passwd, A /lib64/libevil.so, D /sbin/su"
        << QStringList{"add --read-only"};
    QTest::newRow("RUN-014 ignores the files Docker manages in /etc")
        << "RUN-014"
        << InventorySetup([](Inventory& i) {
               web(i).changes = std::vector<FileChange>{
                   {"/etc", 0}, {"/etc/hosts", 0}, {"/etc/hostname", 0}, {"/etc/resolv.conf", 0}};
           })
        << none << "" << none;
    QTest::newRow("RUN-014 does not mistake /usrlocal or /library for system paths")
        << "RUN-014"
        << InventorySetup([](Inventory& i) {
               web(i).changes = std::vector<FileChange>{{"/usrlocal/x", 1}, {"/etcetera", 1}, {"/binary", 1}};
           })
        << none << "" << none;
    QTest::newRow("RUN-014 shortens a long list")
        << "RUN-014"
        << InventorySetup([](Inventory& i) {
               std::vector<FileChange> changes;
               for (int n = 1; n <= 7; ++n) {
                   changes.push_back({"/usr/bin/tool" + std::to_string(n), 1});
               }
               web(i).changes = changes;
           })
        << QStringList{"medium"}
        << "Changes: 7 under system paths: A /usr/bin/tool1, A /usr/bin/tool2, A /usr/bin/tool3, "
           "A /usr/bin/tool4, A /usr/bin/tool5, …"
        << QStringList{"add --read-only"};
    QTest::newRow("RUN-014 stays quiet when changes were not fetched")
        << "RUN-014" << InventorySetup([](Inventory& i) { web(i).changes.reset(); }) << none << "" << none;

    // RUN-015
    QTest::newRow("RUN-015 fires medium on the none driver")
        << "RUN-015" << InventorySetup([](Inventory& i) { web(i).hostConfig.logConfig = {"none", {}}; })
        << QStringList{"medium"} << "HostConfig.LogConfig.Type = none" << QStringList{"remove --log-driver"};
    QTest::newRow("RUN-015 fires low on json-file without rotation")
        << "RUN-015" << InventorySetup([](Inventory& i) { web(i).hostConfig.logConfig = {"json-file", {}}; })
        << QStringList{"low"} << "HostConfig.LogConfig = json-file without max-size"
        << QStringList{"add --log-opt max-size=10m", "add --log-opt max-file=3"};
    QTest::newRow("RUN-015 keeps an existing max-file")
        << "RUN-015"
        << InventorySetup([](Inventory& i) { web(i).hostConfig.logConfig = {"json-file", {{"max-file", "5"}}}; })
        << QStringList{"low"} << "HostConfig.LogConfig = json-file without max-size"
        << QStringList{"add --log-opt max-size=10m"};
    QTest::newRow("RUN-015 accepts a remote driver")
        << "RUN-015"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.logConfig = {"syslog", {{"syslog-address", "tcp://logs:514"}}};
           })
        << none << "" << none;

    // RUN-016
    QTest::newRow("RUN-016 notes gVisor")
        << "RUN-016" << InventorySetup([](Inventory& i) { web(i).hostConfig.runtime = "runsc"; })
        << QStringList{"info"} << "HostConfig.Runtime = runsc" << none;
    QTest::newRow("RUN-016 treats an empty runtime as the default")
        << "RUN-016" << InventorySetup([](Inventory& i) { web(i).hostConfig.runtime.clear(); }) << none << ""
        << none;

    // RUN-017
    QTest::newRow("RUN-017 fires on an OOM kill")
        << "RUN-017" << InventorySetup([](Inventory& i) { web(i).state.oomKilled = true; }) << QStringList{"low"}
        << "State.OOMKilled = true" << none;
    QTest::newRow("RUN-017 lists every sign of a restart loop")
        << "RUN-017"
        << InventorySetup([](Inventory& i) {
               web(i).state.restarting = true;
               web(i).restartCount = 11;
           })
        << QStringList{"low"} << "State.Restarting = true; RestartCount = 11" << none;
    QTest::newRow("RUN-017 accepts ten restarts")
        << "RUN-017" << InventorySetup([](Inventory& i) { web(i).restartCount = 10; }) << none << "" << none;

    // RUN-018
    const auto exitedAt = [](const char* when) {
        return [when](Inventory& i) {
            web(i).state.status = "exited";
            web(i).state.running = false;
            web(i).state.finishedAt = when;
        };
    };
    QTest::newRow("RUN-018 notes a container exited 31 days ago")
        << "RUN-018" << InventorySetup(exitedAt("2026-10-28T09:59:59.5Z")) << QStringList{"info"}
        << "State.FinishedAt = 2026-10-28T09:59:59Z (31 days ago)" << none;
    QTest::newRow("RUN-018 accepts a container exited exactly 30 days ago")
        << "RUN-018" << InventorySetup(exitedAt("2026-10-29T10:00:00Z")) << none << "" << none;
    QTest::newRow("RUN-018 ignores a container that never finished")
        << "RUN-018" << InventorySetup(exitedAt("0001-01-01T00:00:00Z")) << none << "" << none;
    QTest::newRow("RUN-018 ignores a running container whatever its old finish time")
        << "RUN-018" << InventorySetup([](Inventory& i) { web(i).state.finishedAt = "2025-01-01T00:00:00Z"; })
        << none << "" << none;
}

void TestRuntimeRules::rule()
{
    QFETCH(QString, id);
    QFETCH(InventorySetup, setup);
    QFETCH(QStringList, findings);
    QFETCH(QString, evidence);
    QFETCH(QStringList, edits);

    Inventory inv = hardenedInventory();
    setup(inv);
    const RuleCatalogue catalogue = areaCatalogue(registerRuntimeRules);
    const Rule* rule = catalogue.find(id.toStdString());
    QVERIFY(rule);
    const auto result = evaluate(*rule, inv);

    QCOMPARE(summarize(result), findings);
    if (result.empty()) {
        return;
    }
    const Finding& first = result.front();
    QCOMPARE(QString::fromStdString(first.ruleId), id);
    QCOMPARE(first.area, Area::Runtime);
    QCOMPARE(first.object.type, ObjectType::Container);
    QCOMPARE(first.object.name, std::string("web"));
    QCOMPARE(QString::fromStdString(first.evidence), evidence);
    QCOMPARE(describe(first.remediation.edits), edits);
}

void TestRuntimeRules::healthHintFromAnExecFormImageCheckIsAShellCommand()
{
    Inventory inv = hardenedInventory();
    inv.images.front().config.healthcheck = Healthcheck{{"CMD", "/app/health", "--quick"}};
    web(inv).config.healthcheck = Healthcheck{{"NONE"}};
    const auto result = evaluate(*areaCatalogue(registerRuntimeRules).find("RUN-012"), inv);
    QCOMPARE(result.size(), std::size_t(1));
    QCOMPARE(describe(result[0].remediation.edits),
             (QStringList{"remove --no-healthcheck", "add --health-cmd /app/health --quick"}));
}

void TestRuntimeRules::seccompDefaultAction_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("action"); // "-" when none is found

    QTest::newRow("compact JSON") << R"({"defaultAction":"SCMP_ACT_ERRNO"})" << "SCMP_ACT_ERRNO";
    QTest::newRow("whitespace and newlines around the colon")
        << "{\r\n\t\"defaultAction\"\n :\n\t \"SCMP_ACT_ALLOW\" }" << "SCMP_ACT_ALLOW";
    QTest::newRow("the key in another case, as Go's decoder accepts")
        << R"({"DefaultAction": "SCMP_ACT_LOG"})" << "SCMP_ACT_LOG";
    QTest::newRow("an escaped mention inside a string is skipped")
        << R"({"comment": "set \"defaultAction\": \"SCMP_ACT_ALLOW\"", "defaultAction": "SCMP_ACT_KILL"})"
        << "SCMP_ACT_KILL";
    QTest::newRow("the key used as a value is skipped")
        << R"({"name": "defaultAction", "defaultAction": "SCMP_ACT_TRAP"})" << "SCMP_ACT_TRAP";
    QTest::newRow("no defaultAction at all") << R"({"syscalls": []})" << "-";
    QTest::newRow("a non-string value") << R"({"defaultAction": 42})" << "-";
    QTest::newRow("text cut off inside the value") << R"({"defaultAction": "SCMP_AC)" << "-";
    QTest::newRow("text cut off after the key") << R"({"defaultAction")" << "-";
    QTest::newRow("empty text") << "" << "-";
}

void TestRuntimeRules::seccompDefaultAction()
{
    QFETCH(QString, json);
    QFETCH(QString, action);
    const auto found = drydock::seccompDefaultAction(json.toStdString());
    QCOMPARE(found ? QString::fromStdString(*found) : QStringLiteral("-"), action);
}

void TestRuntimeRules::securityOptSplitsLikeDockerd_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("equals sign") << "seccomp=unconfined" << "seccomp" << "unconfined";
    QTest::newRow("deprecated colon") << "apparmor:unconfined" << "apparmor" << "unconfined";
    QTest::newRow("bare word") << "no-new-privileges" << "no-new-privileges" << "";
    QTest::newRow("an equals sign wins over an earlier colon") << "label:type=x" << "label:type" << "x";
    QTest::newRow("colon inside the value of a label option") << "label:type:svirt_t" << "label" << "type:svirt_t";
    QTest::newRow("inlined JSON keeps its colons") << R"(seccomp={"a":1})" << "seccomp" << R"({"a":1})";
}

void TestRuntimeRules::securityOptSplitsLikeDockerd()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const SecurityOpt opt = SecurityOpt::parse(text.toStdString());
    QCOMPARE(QString::fromStdString(opt.text), text);
    QCOMPARE(QString::fromStdString(opt.key), key);
    QCOMPARE(QString::fromStdString(opt.value), value);
}

QTEST_APPLESS_MAIN(TestRuntimeRules)
#include "TestRuntimeRules.moc"
