#include "core/common/Time.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/swarm/CertificateDates.h"
#include "core/rules/swarm/SwarmRules.h"

#include "tests/support/RuleFixtures.h"

#include <QtTest>

#include <functional>
#include <set>

using namespace drydock;
using namespace drydock::test;

using SwarmMutator = std::function<void(Inventory&)>;
Q_DECLARE_METATYPE(SwarmMutator)

namespace {

// Real certificates made for these tests with OpenSSL 3.0.19 on 2026-11-29:
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=swarm-ca -days 7300 -nodes
// (Swarm's own root CA is an ECDSA P-256 certificate named swarm-ca). notBefore = 2026-11-29T02:38:01Z.
const char* const kSwarmCaPem = R"(-----BEGIN CERTIFICATE-----
MIIBejCCASGgAwIBAgIUJljMoPeY+IbX5azJcOnz4O0eCu0wCgYIKoZIzj0EAwIw
EzERMA8GA1UEAwwIc3dhcm0tY2EwHhcNMjYxMTI5MDIzODAxWhcNNDYxMTI0MDIz
ODAxWjATMREwDwYDVQQDDAhzd2FybS1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABLrunnIzRuoEjDK3i8X2vHpU6w95LCudu85+pMF8NMQUGvlxOYVmzfvgpplx
WKCZsVc9FqHq3A/PTHhaA5E3SiyjUzBRMB0GA1UdDgQWBBSUVZEq9m7FIv/yrqq/
yCfEopvzHzAfBgNVHSMEGDAWgBSUVZEq9m7FIv/yrqq/yCfEopvzHzAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIDaRfmY2rR/gtmUtYaH8zfXJyO0l
CtdhxEJygnjgd1OvAiA3OxU+WyLN9iEkcCvEhy81qZSHc8KfD/yMi/Q+qnobqQ==
-----END CERTIFICATE-----
)";
constexpr qint64 kSwarmCaNotBefore = 1795919881; // 2026-11-29T02:38:01Z

// openssl req -x509 -newkey rsa:2048 -subj "/CN=drydock-test-rsa/O=Drydock" -days 30 -nodes
// notBefore = 2026-11-29T02:38:02Z. Long-form lengths throughout.
const char* const kRsaPem = R"(-----BEGIN CERTIFICATE-----
MIIDOzCCAiOgAwIBAgIUOsGmgqweJv7YNMmZLQN45vI5g8gwDQYJKoZIhvcNAQEL
BQAwLTEZMBcGA1UEAwwQZHJ5ZG9jay10ZXN0LXJzYTEQMA4GA1UECgwHRHJ5ZG9j
azAeFw0yNjExMjkwMjM4MDJaFw0yNjEyMjkwMjM4MDJaMC0xGTAXBgNVBAMMEGRy
eWRvY2stdGVzdC1yc2ExEDAOBgNVBAoMB0RyeWRvY2swggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQDbdh64HykcRdHS7uS93bgWhZmEzMarBhTbSsLyxX9P
U5ZX32tXVbqmmP4WHZLF7un8EyySn8Dq7hci2pBaKTUMYenb1w+4tVFrDuTFIE0N
09cArr8U9PZ0un1lskDokoWNUH8cvw/uluZk+jYYj+rCmbxeEVoWReYjx1HJflht
u9WOzP9HUbdxmzwWJbnYPPMTDExpm+TSdnaQgfg8YJwtBXEZbAcInWQHUIhF3tmY
W7xuDsxuhmUpah+7FehVoGzhRn3O6gOmo4Mf+bm0oX2l+CULcpI7QvPoKjB6H1rH
UsNKNObQU6kRBI3ZqzX/Mieb2pT8cxPaRnWdqwEMntEPAgMBAAGjUzBRMB0GA1Ud
DgQWBBS6M4VxTs9iMJ9BPOHLEM98qPGhbDAfBgNVHSMEGDAWgBS6M4VxTs9iMJ9B
POHLEM98qPGhbDAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQCi
zlTzkzagPQZ/HhOsMvBtqHgbTEpG/Jl3IRCHCDELnQLnRNzQdLCW1p5ooiG6GvCa
p1EXOi+3JQZjjcULxLxxeXrR7gjMONMCFyUPMxqv5C15Oz7QfAxYQAHjHbL7IGcT
j/J97gDGOe5CypFa6nd/S+1sqw56tdBUgqoOf6nel4yXyCVcpGkynrmimdu4SWii
9WlySjvHcj7yiQnLPTOlblGUAxr/C1peSHy9Pd0bQ5R/bNw0NKSYMYM7cpWXtze6
kOKZc4XRXCtsazx2tGrHfE0i2xpTEdVi4OA2fzhmM4YxSxq51H4tbJm4cvPTAIFB
KRHYkj1GhAb73BfDJRw+
-----END CERTIFICATE-----
)";
constexpr qint64 kRsaNotBefore = 1795919882; // 2026-11-29T02:38:02Z

// openssl ca -selfsign -startdate 20510102030405Z -enddate 20610102030405Z (a v1 certificate: no [0] version;
// dates from 2050 on are GeneralizedTime). notBefore = 2051-01-02T03:04:05Z.
const char* const kGeneralizedTimePem = R"(-----BEGIN CERTIFICATE-----
MIIBFDCBuwICEAAwCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJZnV0dXJlLWNhMCIY
DzIwNTEwMTAyMDMwNDA1WhgPMjA2MTAxMDIwMzA0MDVaMBQxEjAQBgNVBAMMCWZ1
dHVyZS1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPY/3AkxZuznXizpT0nO
+RUh3UJMvJSZDj4uGOEjQtZNwg5lEnMyjtbDZE3MsAt2TS271w/Z7fzEV0Jtuf+w
vmowCgYIKoZIzj0EAwIDSAAwRQIhAI/srrG015fyh9Uf8/HRfvZ+VypUuHO8YTh/
YhpSCfPnAiANo47smJO8mE8vajUJpGOMYap0oV9X+o9ivUlfoTJQ1w==
-----END CERTIFICATE-----
)";
constexpr qint64 kGeneralizedTimeNotBefore = 2556241445; // 2051-01-02T03:04:05Z

// openssl ca -selfsign -startdate 990615120000Z: UTCTime year 99 means 1999. notBefore =
// 1999-06-15T12:00:00Z.
const char* const kOldPem = R"(-----BEGIN CERTIFICATE-----
MIIBCjCBsQICEAEwCgYIKoZIzj0EAwIwETEPMA0GA1UEAwwGb2xkLWNhMB4XDTk5
MDYxNTEyMDAwMFoXDTMwMDEwMTAwMDAwMFowETEPMA0GA1UEAwwGb2xkLWNhMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEmn6xF9v8xAEN91BGS/Sf06FfjauloSrh
uCCWo/gWkfKXFRkuI/xCvo0AzEbnI24R2HPKOrYNIwXa6kHhbMwpHTAKBggqhkjO
PQQDAgNIADBFAiBZr1F3bZPKCB3AnyhyiejC/fc+PEEKHVmpEOo9y40uvQIhAIE3
u3BEcKidKxv7qQFq5TmXAljFzbkAy3jWtr7eiyF8
-----END CERTIFICATE-----
)";
constexpr qint64 kOldNotBefore = 929448000; // 1999-06-15T12:00:00Z

// Scan time: the day the certificates were made; the swarm CA is then a few hours old.
constexpr qint64 kNow = 1795953600;   // 2026-11-29T12:00:00Z
constexpr qint64 kLater = 1830297600; // 2028-01-01T00:00:00Z: the same CA is 397 days old
constexpr std::int64_t kHourNs = 3600LL * 1'000'000'000LL;

SwarmNode node(const char* id, const char* role, const char* availability)
{
    SwarmNode n;
    n.id = id;
    n.hostname = std::string("host-") + id;
    n.role = role;
    n.availability = availability;
    n.state = "ready";
    return n;
}

// A service whose task template passes every SWM-008 check.
SwarmService hardenedService()
{
    SwarmService s;
    s.id = "svc1";
    s.name = "web";
    s.image = "registry.example/web:1.4@sha256:0123456789abcdef";
    s.user = "10001:10001";
    s.readOnly = true;
    s.capabilityDrop = {"ALL"};
    s.capabilityAdd = {"CAP_NET_BIND_SERVICE"};
    s.memoryLimitBytes = 512LL * 1024 * 1024;
    s.nanoCpusLimit = 1'000'000'000;
    s.pidsLimit = 256;
    s.restartCondition = "on-failure";
    s.restartMaxAttempts = 5;
    s.ports = {ServicePort{"tcp", 80, 8080, "host"}};
    s.mode = "replicated";
    s.replicas = 2;
    return s;
}

// What `docker service create nginx` gives: nothing in the task template set.
SwarmService defaultService()
{
    SwarmService s;
    s.id = "svc2";
    s.name = "plain";
    s.image = "nginx:1.27@sha256:feedbeef";
    s.mode = "replicated";
    s.replicas = 1;
    return s;
}

// An active manager of a well-kept 3-manager, 5-node swarm: no SWM rule fires on it.
Inventory swarmInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.daemon.id = "DAEM:ON";
    inv.daemon.name = "manager-1";
    inv.daemon.osType = "linux";
    inv.daemon.swarm.localNodeState = "active";
    inv.daemon.swarm.nodeId = "n1";
    inv.daemon.swarm.controlAvailable = true;
    inv.daemon.swarm.managers = 3;
    inv.daemon.swarm.nodes = 5;
    SwarmState s;
    s.isManager = true;
    s.cluster.id = "cluster-7f3a";
    s.cluster.autoLockManagers = true;
    s.cluster.nodeCertExpiryNs = 2160 * kHourNs;
    s.cluster.trustRootPem = kSwarmCaPem;
    s.unlockKeySet = true;
    s.nodes = {node("n1", "manager", "drain"), node("n2", "manager", "drain"), node("n3", "manager", "drain"),
               node("w1", "worker", "active"), node("w2", "worker", "active")};
    s.services = {hardenedService()};
    inv.swarm = s;
    return inv;
}

SwarmService& firstService(Inventory& i)
{
    return i.swarm->services.front();
}

} // namespace

// Each SWM rule on hand-made swarms, the SWM-008 gap mapping, and the PEM/DER dating behind SWM-005.
class TestSwarmRules : public QObject
{
    Q_OBJECT

private:
    RuleCatalogue m_catalogue = areaCatalogue(registerSwarmRules);

private slots:
    void rule_data();
    void rule();
    void aWellKeptManagerRaisesNothing();
    void anInactiveSwarmRaisesNothing();
    void aWorkerSeesOnlyWhatItCanJudge();
    void serviceGap_data();
    void serviceGap();
    void aDefaultServiceHasTheExpectedGaps();
    void everySwarmRuleIsRegisteredWithItsTexts();
    void notBefore_data();
    void notBefore();
    void base64_data();
    void base64();
    void damagedCertificatesNeverCrash();
};

void TestSwarmRules::rule_data()
{
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<SwarmMutator>("mutate");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("evidence");

    const auto row = [](const char* name, const char* id, SwarmMutator m, int count,
                        const char* severity = "", const char* evidence = "", qint64 now = kNow) {
        QTest::newRow(name) << QString(id) << m << now << count << QString(severity) << QString(evidence);
    };
    // SWM-001
    row(
        "a manager with no services is low", "SWM-001", [](Inventory& i) { i.swarm->services.clear(); }, 1,
        "low", "0 services");
    row(
        "a manager with services passes", "SWM-001", [](Inventory&) {}, 0);
    row(
        "a worker cannot tell and raises nothing", "SWM-001",
        [](Inventory& i) {
            i.swarm->isManager = false;
            i.swarm->services.clear();
        },
        0);
    // SWM-002
    row(
        "two managers is low", "SWM-002", [](Inventory& i) { i.daemon.swarm.managers = 2; }, 1, "low",
        "Swarm.Managers = 2, Swarm.Nodes = 5");
    row(
        "nine managers is too many", "SWM-002", [](Inventory& i) { i.daemon.swarm.managers = 9; }, 1, "low");
    row(
        "three managers in a two-node swarm is too many", "SWM-002",
        [](Inventory& i) { i.daemon.swarm.nodes = 2; }, 1, "low");
    row(
        "one manager in a one-node swarm passes", "SWM-002",
        [](Inventory& i) {
            i.daemon.swarm.managers = 1;
            i.daemon.swarm.nodes = 1;
        },
        0);
    row(
        "three managers in five nodes passes", "SWM-002", [](Inventory&) {}, 0);
    row(
        "a worker reports no manager count and is not judged", "SWM-002",
        [](Inventory& i) { i.daemon.swarm.managers = 0; }, 0);
    // SWM-003
    row(
        "autolock off is medium", "SWM-003",
        [](Inventory& i) {
            i.swarm->cluster.autoLockManagers = false;
            i.swarm->unlockKeySet = false;
        },
        1, "medium", "AutoLockManagers = false; unlock key empty");
    row(
        "autolock on passes", "SWM-003", [](Inventory&) {}, 0);
    row(
        "without the /swarm answer autolock is not judged", "SWM-003",
        [](Inventory& i) {
            i.swarm->cluster = SwarmCluster{};
            i.swarm->unlockKeySet = false;
        },
        0);
    // SWM-004
    row(
        "a one-year node certificate lifetime is low", "SWM-004",
        [](Inventory& i) { i.swarm->cluster.nodeCertExpiryNs = 8760 * kHourNs; }, 1, "low",
        "NodeCertExpiry = 8760h (365 days)");
    row(
        "the 90-day default passes", "SWM-004", [](Inventory&) {}, 0);
    row(
        "one hour over 90 days is reported", "SWM-004",
        [](Inventory& i) { i.swarm->cluster.nodeCertExpiryNs = 2161 * kHourNs; }, 1, "low");
    // SWM-005
    row(
        "a root CA older than a year is low", "SWM-005", [](Inventory&) {}, 1, "low",
        "notBefore = 2026-11-29T02:38:01Z (397 days ago)", kLater);
    row(
        "a fresh root CA passes", "SWM-005", [](Inventory&) {}, 0);
    row(
        "a root rotation in progress is info", "SWM-005",
        [](Inventory& i) { i.swarm->cluster.rootRotationInProgress = true; }, 1, "info",
        "RootRotationInProgress = true");
    row(
        "an unreadable trust root raises nothing", "SWM-005",
        [](Inventory& i) { i.swarm->cluster.trustRootPem = "-----BEGIN CERTIFICATE-----\n%%%\n"; }, 0, "", "",
        kLater);
    // SWM-006
    row(
        "an active manager beside workers is low", "SWM-006",
        [](Inventory& i) { i.swarm->nodes[0].availability = "active"; }, 1, "low",
        "Spec.Availability = active");
    row(
        "drained managers pass", "SWM-006", [](Inventory&) {}, 0);
    row(
        "a swarm without workers keeps its managers active", "SWM-006",
        [](Inventory& i) { i.swarm->nodes = {node("n1", "manager", "active")}; }, 0);
    // SWM-007
    row(
        "an ingress-published port is info", "SWM-007",
        [](Inventory& i) {
            firstService(i).ports = {ServicePort{"tcp", 80, 8080, "ingress"}};
        },
        1, "info", "8080->80/tcp PublishMode = ingress");
    row(
        "each ingress port is its own finding", "SWM-007",
        [](Inventory& i) {
            firstService(i).ports = {ServicePort{"tcp", 80, 8080, "ingress"},
                                     ServicePort{"udp", 53, 53, "ingress"},
                                     ServicePort{"tcp", 443, 8443, "host"}};
        },
        2, "info");
    row(
        "host-mode publishing passes", "SWM-007", [](Inventory&) {}, 0);
}

void TestSwarmRules::rule()
{
    QFETCH(QString, ruleId);
    QFETCH(SwarmMutator, mutate);
    QFETCH(qint64, now);
    QFETCH(int, count);
    QFETCH(QString, severity);
    QFETCH(QString, evidence);

    QVERIFY2(m_catalogue.find(ruleId.toStdString()), "rule not registered");
    Inventory inventory = swarmInventory();
    mutate(inventory);
    const auto findings = evaluateCatalogue(m_catalogue, inventory, ruleId.toStdString(), now);
    QCOMPARE(int(findings.size()), count);
    for (const auto& f : findings) {
        QCOMPARE(f.area, Area::Swarm);
        QVERIFY(!f.evidence.empty());
        if (!severity.isEmpty()) {
            QCOMPARE(QString(toString(f.severity)), severity);
        }
    }
    if (!evidence.isEmpty()) {
        QVERIFY2(QString::fromStdString(findings.front().evidence).contains(evidence),
                 findings.front().evidence.c_str());
    }
}

void TestSwarmRules::aWellKeptManagerRaisesNothing()
{
    for (const auto& f : evaluateCatalogue(m_catalogue, swarmInventory(), "", kNow)) {
        QFAIL(("unexpected " + f.ruleId + ": " + f.evidence).c_str());
    }
}

void TestSwarmRules::anInactiveSwarmRaisesNothing()
{
    Inventory inventory;
    inventory.daemon.swarm.localNodeState = "inactive";
    QVERIFY(evaluateCatalogue(m_catalogue, inventory, "", kLater).empty());
}

void TestSwarmRules::aWorkerSeesOnlyWhatItCanJudge()
{
    // On a worker the /swarm, /nodes and /services endpoints answer 503 and /info carries no manager count.
    Inventory inventory;
    inventory.daemon.swarm.localNodeState = "active";
    inventory.daemon.swarm.nodeId = "w1";
    SwarmState worker;
    worker.isManager = false;
    inventory.swarm = worker;
    QVERIFY(evaluateCatalogue(m_catalogue, inventory, "", kLater).empty());
}

void TestSwarmRules::serviceGap_data()
{
    QTest::addColumn<SwarmMutator>("mutate");
    QTest::addColumn<QString>("discriminator");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("evidence");

    const auto row = [](const char* name, SwarmMutator m, const char* discriminator, const char* severity,
                        const char* evidence) {
        QTest::newRow(name) << m << QString(discriminator) << QString(severity) << QString(evidence);
    };
    row(
        "a root user maps to CTR-001 at high", [](Inventory& i) { firstService(i).user = "root"; }, "CTR-001",
        "high", "ContainerSpec.User = \"root\"");
    row(
        "uid 0 with a group maps to CTR-001", [](Inventory& i) { firstService(i).user = "0:0"; }, "CTR-001",
        "high", "\"0:0\"");
    row(
        "root is medium when the daemon remaps users",
        [](Inventory& i) {
            firstService(i).user = "root";
            i.daemon.securityOptions = {"name=userns"};
        },
        "CTR-001", "medium", "\"root\"");
    row(
        "an empty user with no local image maps to CTR-001",
        [](Inventory& i) { firstService(i).user.clear(); }, "CTR-001", "high", "image not present locally");
    row(
        "an empty user whose local image runs as root maps to CTR-001",
        [](Inventory& i) {
            firstService(i).user.clear();
            Image image;
            image.id = "sha256:aa";
            image.repoTags = {"registry.example/web:1.4"};
            i.images = {image};
        },
        "CTR-001", "high", "the image runs as root");
    row(
        "a writable root filesystem maps to CTR-016 at low",
        [](Inventory& i) { firstService(i).readOnly = false; }, "CTR-016", "low", "ReadOnly = false");
    row(
        "SYS_ADMIN maps to CTR-003 at critical",
        [](Inventory& i) {
            firstService(i).capabilityAdd = {"CAP_NET_BIND_SERVICE", "SYS_ADMIN"};
        },
        "CTR-003", "critical", "CapabilityAdd = [CAP_SYS_ADMIN]");
    row(
        "NET_ADMIN maps to CTR-003 at high",
        [](Inventory& i) { firstService(i).capabilityAdd = {"net_admin"}; }, "CTR-003", "high",
        "CAP_NET_ADMIN");
    row(
        "any other non-default capability is medium",
        [](Inventory& i) { firstService(i).capabilityAdd = {"CAP_IPC_LOCK"}; }, "CTR-003", "medium",
        "CAP_IPC_LOCK");
    row(
        "the worst capability sets the severity",
        [](Inventory& i) {
            firstService(i).capabilityAdd = {"CAP_IPC_LOCK", "CAP_SYS_PTRACE", "ALL"};
        },
        "CTR-003", "critical", "CAP_IPC_LOCK, CAP_SYS_PTRACE, ALL");
    row(
        "the Docker socket maps to CTR-013 at critical",
        [](Inventory& i) {
            firstService(i).mounts = {
                ServiceMount{"bind", "/var/run/docker.sock", "/var/run/docker.sock", true}};
        },
        "CTR-013", "critical", "/var/run/docker.sock -> /var/run/docker.sock");
    row(
        "the containerd socket under another name maps to CTR-013",
        [](Inventory& i) {
            firstService(i).mounts = {
                ServiceMount{"bind", "/run/containerd/containerd.sock", "/ctr.sock", false}};
        },
        "CTR-013", "critical", "containerd.sock");
    row(
        "a writable bind of /etc maps to CTR-012",
        [](Inventory& i) { firstService(i).mounts = {ServiceMount{"bind", "/etc", "/host-etc", false}}; },
        "CTR-012", "critical", "/etc -> /host-etc (rw)");
    row(
        "a read-only bind of /proc is still CTR-012, at its read-only grade",
        [](Inventory& i) { firstService(i).mounts = {ServiceMount{"bind", "/proc", "/host/proc", true}}; },
        "CTR-012", "high", "/proc -> /host/proc (ro)");
    row(
        "SELinux labels off maps to RUN-004 at high",
        [](Inventory& i) { firstService(i).selinuxDisabled = true; }, "RUN-004", "high",
        "SELinuxContext.Disable = true");
    row(
        "no memory limit maps to RUN-006 at medium",
        [](Inventory& i) { firstService(i).memoryLimitBytes = 0; }, "RUN-006", "medium", "MemoryBytes = 0");
    row(
        "no CPU limit maps to RUN-008 at low", [](Inventory& i) { firstService(i).nanoCpusLimit = 0; },
        "RUN-008", "low", "NanoCPUs = 0");
    row(
        "no PIDs limit maps to RUN-009 at medium", [](Inventory& i) { firstService(i).pidsLimit = 0; },
        "RUN-009", "medium", "Pids = 0");
    row(
        "restart any without a cap maps to RUN-011 at low",
        [](Inventory& i) {
            firstService(i).restartCondition = "any";
            firstService(i).restartMaxAttempts = 0;
        },
        "RUN-011", "low", "Condition = any, MaxAttempts = 0");
    row(
        "no restart policy means Swarm's default, any and unlimited",
        [](Inventory& i) {
            firstService(i).restartCondition.clear();
            firstService(i).restartMaxAttempts = 0;
        },
        "RUN-011", "low", "not set (default");
}

void TestSwarmRules::serviceGap()
{
    QFETCH(SwarmMutator, mutate);
    QFETCH(QString, discriminator);
    QFETCH(QString, severity);
    QFETCH(QString, evidence);

    Inventory inventory = swarmInventory();
    mutate(inventory);
    const auto findings = evaluateCatalogue(m_catalogue, inventory, "SWM-008", kNow);
    QCOMPARE(int(findings.size()), 1); // the hardened service had no gap; exactly this one appeared
    const Finding& f = findings.front();
    QCOMPARE(QString::fromStdString(f.discriminator), discriminator);
    QCOMPARE(QString(toString(f.severity)), severity);
    QVERIFY2(QString::fromStdString(f.evidence).contains(evidence), f.evidence.c_str());
    QVERIFY2(QString::fromStdString(f.title).endsWith("(" + discriminator + ")"), f.title.c_str());
    QCOMPARE(f.object.type, ObjectType::SwarmService);
    QCOMPARE(f.object.name, std::string("web"));
}

void TestSwarmRules::aDefaultServiceHasTheExpectedGaps()
{
    Inventory inventory = swarmInventory();
    inventory.swarm->services.push_back(defaultService());
    // A local image whose USER is non-root clears CTR-001 for a service that leaves User empty.
    SwarmService fromImage = defaultService();
    fromImage.id = "svc3";
    fromImage.name = "from-image";
    fromImage.image = "app:2@sha256:c0ffee";
    Image image;
    image.id = "sha256:bb";
    image.repoDigests = {"app@sha256:c0ffee"};
    image.config.user = "app";
    inventory.images = {image};
    inventory.swarm->services.push_back(fromImage);

    std::map<std::string, std::set<std::string>> gaps;
    for (const auto& f : evaluateCatalogue(m_catalogue, inventory, "SWM-008", kNow)) {
        QVERIFY2(gaps[f.object.name].insert(f.discriminator).second, "one finding per gap");
    }
    const std::set<std::string> defaults{"CTR-001", "CTR-016", "RUN-006", "RUN-008", "RUN-009", "RUN-011"};
    QCOMPARE(gaps["plain"], defaults);
    std::set<std::string> withoutRoot = defaults;
    withoutRoot.erase("CTR-001");
    QCOMPARE(gaps["from-image"], withoutRoot);
    QVERIFY(!gaps.count("web"));
}

void TestSwarmRules::everySwarmRuleIsRegisteredWithItsTexts()
{
    verifyAreaRules(m_catalogue, Area::Swarm, "SWM", 8);
    QCOMPARE(m_catalogue.find("SWM-003")->info().cis.id, std::string("7.5"));
    const RuleCatalogue builtIn = RuleCatalogue::builtIn();
    for (const auto& rule : m_catalogue.rules()) {
        QVERIFY2(builtIn.find(rule->info().id), rule->info().id.c_str());
    }
}

void TestSwarmRules::notBefore_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<qint64>("expected"); // -1: no date

    QTest::newRow("a Swarm-style P-256 root CA") << QByteArray(kSwarmCaPem) << kSwarmCaNotBefore;
    QTest::newRow("an RSA certificate with long-form lengths") << QByteArray(kRsaPem) << kRsaNotBefore;
    QTest::newRow("a v1 certificate with GeneralizedTime")
        << QByteArray(kGeneralizedTimePem) << kGeneralizedTimeNotBefore;
    QTest::newRow("a UTCTime year 99 is 1999") << QByteArray(kOldPem) << kOldNotBefore;
    QTest::newRow("a bundle is dated by its first certificate")
        << QByteArray(kOldPem) + QByteArray(kSwarmCaPem) << kOldNotBefore;
    QTest::newRow("text before the armour is skipped")
        << QByteArray("subject=CN = swarm-ca\nissuer=CN = swarm-ca\n") + kSwarmCaPem << kSwarmCaNotBefore;
    QTest::newRow("CRLF line endings are fine")
        << QByteArray(kSwarmCaPem).replace("\n", "\r\n") << kSwarmCaNotBefore;
    QTest::newRow("an empty trust root") << QByteArray() << qint64(-1);
    QTest::newRow("text without armour") << QByteArray("not a certificate") << qint64(-1);
    QTest::newRow("a missing END line")
        << QByteArray(kSwarmCaPem).replace("-----END CERTIFICATE-----", "") << qint64(-1);
    QTest::newRow("a character outside base64")
        << QByteArray(kSwarmCaPem).replace("MIIB", "MI!B") << qint64(-1);
    QTest::newRow("a body cut in half")
        << QByteArray("-----BEGIN CERTIFICATE-----\n") + QByteArray(kSwarmCaPem).mid(28, 200) +
               "\n-----END CERTIFICATE-----\n"
        << qint64(-1);
    QTest::newRow("base64 that is not DER")
        << QByteArray("-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n")
        << qint64(-1);
    QTest::newRow("a private key is not a certificate")
        << QByteArray(kSwarmCaPem).replace("CERTIFICATE", "PRIVATE KEY") << qint64(-1);
}

void TestSwarmRules::notBefore()
{
    QFETCH(QByteArray, pem);
    QFETCH(qint64, expected);
    const auto date = pemCertificateNotBefore(std::string_view(pem.constData(), std::size_t(pem.size())));
    if (expected < 0) {
        QVERIFY(!date.has_value());
    } else {
        QVERIFY(date.has_value());
        QCOMPARE(qint64(*date), expected);
        QCOMPARE(formatRfc3339(*date), formatRfc3339(expected));
    }
}

void TestSwarmRules::base64_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("a full group") << QByteArray("TWFu") << true << QByteArray("Man");
    QTest::newRow("one pad") << QByteArray("TWE=") << true << QByteArray("Ma");
    QTest::newRow("two pads") << QByteArray("TQ==") << true << QByteArray("M");
    QTest::newRow("unpadded tail") << QByteArray("TWE") << true << QByteArray("Ma");
    QTest::newRow("whitespace and newlines are ignored")
        << QByteArray(" TW\r\nFu\t") << true << QByteArray("Man");
    QTest::newRow("an empty input") << QByteArray() << true << QByteArray();
    QTest::newRow("a lone symbol cannot encode a byte") << QByteArray("TWFuT") << false << QByteArray();
    QTest::newRow("data after padding") << QByteArray("TW=E") << false << QByteArray();
    QTest::newRow("three pads") << QByteArray("TQ===") << false << QByteArray();
    QTest::newRow("padding that does not complete the group") << QByteArray("TWFu=") << false << QByteArray();
    QTest::newRow("url-safe alphabet is not PEM") << QByteArray("TW-_") << false << QByteArray();
}

void TestSwarmRules::base64()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, bytes);
    const auto decoded = decodeBase64(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(decoded.has_value(), valid);
    if (valid) {
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(decoded->data()), qsizetype(decoded->size())),
                 bytes);
    }
}

void TestSwarmRules::damagedCertificatesNeverCrash()
{
    // Every truncation and every single-byte corruption of a real certificate either still dates it or gives
    // no date; none reads out of bounds (run under the sanitizer build to see that).
    for (const char* pem : {kSwarmCaPem, kRsaPem, kGeneralizedTimePem}) {
        const auto der = firstPemCertificate(pem);
        QVERIFY(der.has_value());
        const auto original = derCertificateNotBefore(*der);
        QVERIFY(original.has_value());
        for (std::size_t len = 0; len < der->size(); ++len) {
            const std::vector<std::uint8_t> cut(der->begin(), der->begin() + std::ptrdiff_t(len));
            QVERIFY(!derCertificateNotBefore(cut).has_value()); // the outer length no longer fits
        }
        int stillDated = 0;
        for (std::size_t i = 0; i < der->size(); ++i) {
            for (const std::uint8_t flip : {std::uint8_t(0x01), std::uint8_t(0x80), std::uint8_t(0xff)}) {
                std::vector<std::uint8_t> damaged = *der;
                damaged[i] ^= flip;
                const auto date = derCertificateNotBefore(damaged);
                stillDated += date.has_value() ? 1 : 0;
            }
        }
        QVERIFY(stillDated > 0); // bytes past the validity (key, signature) do not matter to the date
    }
}

QTEST_APPLESS_MAIN(TestSwarmRules)
#include "TestSwarmRules.moc"
