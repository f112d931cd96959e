#include "core/rules/RuleCatalogue.h"
#include "core/rules/host/HostRules.h"
#include "tests/support/RuleFixtures.h"

#include <QTest>

#include <functional>

using namespace drydock;
using namespace drydock::test;

// A change to the clean host facts for one row.
using HostEdit = std::function<void(HostFacts&)>;
Q_DECLARE_METATYPE(HostEdit)

// The host rules (HST-001 … HST-049) on hand-made HostFacts.
class TestHostRules : public QObject
{
    Q_OBJECT

private slots:
    void catalogueHoldsTheHostRules();
    void aCleanHostHasNoFindings();
    void withoutHostFactsNothingFires();
    void fires_data();
    void fires();

private:
    RuleCatalogue m_catalogue = areaCatalogue(registerHostRules);
};

namespace {

HostFile file(const char* kind, const char* path, unsigned mode, unsigned uid = 0, unsigned gid = 0,
              const char* group = "root")
{
    return HostFile{kind, path, uid, gid, uid == 0 ? "root" : "alice", group, mode};
}

// A host as the benchmark wants it.
Inventory cleanHost()
{
    Inventory inv;
    inv.endpoint = "unix:///run/docker.sock";
    HostFacts h;
    h.daemonPid = 42;
    h.socketPath = "/run/docker.sock";
    h.configFile = "/etc/docker/daemon.json";
    h.settings["no-new-privileges"] = {"true", "/etc/docker/daemon.json"};
    h.settings["userland-proxy"] = {"false", "command line (--userland-proxy)"};
    h.settings["default-ulimits"] = {"nofile=1024:4096", "/etc/docker/daemon.json"};
    h.dataRoot = "/var/lib/docker";
    h.dataRootOwnMount = true;
    h.dockerGroupMembers = std::vector<std::string>{};
    h.auditRulesRead = true;
    h.auditTargets = {{"1.1.3", "/usr/bin/dockerd", true}, {"1.1.6", "/etc/docker", true}};
    h.files = {file("docker.service", "/lib/systemd/system/docker.service", 0644),
               file("docker.socket", "/lib/systemd/system/docker.socket", 0644),
               file("/etc/docker", "/etc/docker", 0755),
               file("registry certificate", "/etc/docker/certs.d/reg:5000/ca.crt", 0444),
               file("TLS CA certificate", "/etc/docker/ca.pem", 0444),
               file("server certificate", "/etc/docker/cert.pem", 0444),
               file("server key", "/etc/docker/key.pem", 0400),
               file("Docker socket", "/run/docker.sock", 0660, 0, 999, "docker"),
               file("daemon.json", "/etc/docker/daemon.json", 0644),
               file("/etc/default/docker", "/etc/default/docker", 0644),
               file("/etc/sysconfig/docker", "/etc/sysconfig/docker", 0600),
               file("containerd socket", "/run/containerd/containerd.sock", 0660)};
    inv.host = h;
    return inv;
}

HostFile& fileOf(HostFacts& h, const std::string& kind)
{
    for (auto& f : h.files) {
        if (f.kind == kind) {
            return f;
        }
    }
    throw std::logic_error("no file of kind " + kind);
}

} // namespace

void TestHostRules::catalogueHoldsTheHostRules()
{
    verifyAreaRules(m_catalogue, Area::Host, "HST", 49);
    verifyRuleDefaults(m_catalogue, "HST-023", "medium", "2.14");
    verifyRuleDefaults(m_catalogue, "HST-045", "medium", "3.21"); // 1.6.0 puts sysconfig's mode before owner
    verifyRuleDefaults(m_catalogue, "HST-040", "critical", "3.16");
    const RuleCatalogue builtIn = RuleCatalogue::builtIn();
    for (const auto& rule : m_catalogue.rules()) {
        QVERIFY2(builtIn.find(rule->info().id), rule->info().id.c_str());
    }
}

void TestHostRules::aCleanHostHasNoFindings()
{
    verifyNoFindings(m_catalogue, cleanHost(), 0);
}

void TestHostRules::withoutHostFactsNothingFires()
{
    Inventory inv = cleanHost();
    inv.host->settings.clear(); // would fire several rules if they looked
    inv.host.reset();
    verifyNoFindings(m_catalogue, inv, 0);
}

void TestHostRules::fires_data()
{
    QTest::addColumn<HostEdit>("edit");
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("evidence"); // a part of the first finding's evidence

    QTest::newRow("--debug on the command line fails the log level") << HostEdit([](HostFacts& h) {
        h.settings["debug"] = {"true", "command line (--debug)"};
    }) << "HST-019" << 1 << "debug = true (from command line (--debug))";
    QTest::newRow("log-level warn in daemon.json fails the log level") << HostEdit([](HostFacts& h) {
        h.settings["log-level"] = {"warn", "/etc/docker/daemon.json"};
    }) << "HST-019" << 1 << "log-level = warn (from /etc/docker/daemon.json)";
    QTest::newRow("log-level info passes") << HostEdit([](HostFacts& h) {
        h.settings["log-level"] = {"info", "/etc/docker/daemon.json"};
    }) << "HST-019" << 0 << "";
    QTest::newRow("iptables false fails 2.4") << HostEdit([](HostFacts& h) {
        h.settings["iptables"] = {"false", "command line (--iptables)"};
    }) << "HST-020" << 1 << "iptables = false";
    QTest::newRow("an unset userland-proxy is on by Docker's default")
        << HostEdit([](HostFacts& h) { h.settings.erase("userland-proxy"); }) << "HST-024" << 1
        << "Docker's default: true";
    QTest::newRow("no-new-privileges false fails 2.14") << HostEdit([](HostFacts& h) {
        h.settings["no-new-privileges"] = {"false", "/etc/docker/daemon.json"};
    }) << "HST-023" << 1 << "no-new-privileges = false";
    QTest::newRow("no default ulimits is reported")
        << HostEdit([](HostFacts& h) { h.settings.erase("default-ulimits"); }) << "HST-021" << 1
        << "default-ulimits not set";
    QTest::newRow("a cgroup parent is reported for confirmation") << HostEdit([](HostFacts& h) {
        h.settings["cgroup-parent"] = {"/docker-all", "command line (--cgroup-parent)"};
    }) << "HST-022" << 1 << "cgroup-parent = /docker-all";
    QTest::newRow("a data root on the root file system fails 1.1.1")
        << HostEdit([](HostFacts& h) { h.dataRootOwnMount = false; }) << "HST-001" << 1
        << "/var/lib/docker is not a file system of its own";
    QTest::newRow("unknown mounts judge nothing")
        << HostEdit([](HostFacts& h) { h.dataRootOwnMount.reset(); }) << "HST-001" << 0 << "";
    QTest::newRow("the docker group's members are listed, primary-group users too")
        << HostEdit([](HostFacts& h) {
               h.dockerGroupMembers = std::vector<std::string>{"alice", "bob (primary group)"};
           })
        << "HST-002" << 1 << "docker group: alice, bob (primary group)";
    QTest::newRow("an unwatched daemon binary gives the exact audit line")
        << HostEdit([](HostFacts& h) { h.auditTargets[0].watched = false; }) << "HST-003" << 1
        << "Fix: -w /usr/bin/dockerd -k docker";
    QTest::newRow("unreadable audit rules judge no audit item") << HostEdit([](HostFacts& h) {
        h.auditTargets[0].watched = false;
        h.auditRulesRead = false;
    }) << "HST-003" << 0 << "";
    QTest::newRow("a group-writable docker.service gives a chmod that removes only g-w")
        << HostEdit([](HostFacts& h) { fileOf(h, "docker.service").mode = 0664; }) << "HST-026" << 1
        << "mode 0664; at most 0644. Fix: chmod g-w /lib/systemd/system/docker.service";
    QTest::newRow("docker.service owned by a user fails 3.1")
        << HostEdit([](HostFacts& h) { fileOf(h, "docker.service").uid = 1000; }) << "HST-025" << 1
        << "expected root:root. Fix: chown root:root /lib/systemd/system/docker.service";
    QTest::newRow("a server key readable by its group fails 3.14")
        << HostEdit([](HostFacts& h) { fileOf(h, "server key").mode = 0440; }) << "HST-038" << 1
        << "chmod g-r";
    QTest::newRow("a root:root socket fails root:docker") << HostEdit([](HostFacts& h) {
        fileOf(h, "Docker socket").gid = 0;
        fileOf(h, "Docker socket").group = "root";
    }) << "HST-039" << 1 << "expected root:docker";
    QTest::newRow("a world-writable socket fails 3.16")
        << HostEdit([](HostFacts& h) { fileOf(h, "Docker socket").mode = 0666; }) << "HST-040" << 1
        << "chmod o-rw /run/docker.sock";
    QTest::newRow("a rootless daemon's socket owned by its user passes") << HostEdit([](HostFacts& h) {
        h.rootless = true;
        fileOf(h, "Docker socket").uid = 1000;
    }) << "HST-039" << 0 << "";
    QTest::newRow("a registry certificate writable by its owner fails 3.8")
        << HostEdit([](HostFacts& h) { fileOf(h, "registry certificate").mode = 0644; }) << "HST-032" << 1
        << "chmod u-w /etc/docker/certs.d/reg:5000/ca.crt";
    QTest::newRow("a world-writable /etc/sysconfig/docker fails 3.21")
        << HostEdit([](HostFacts& h) { fileOf(h, "/etc/sysconfig/docker").mode = 0646; }) << "HST-045" << 1
        << "chmod o-w";
    QTest::newRow("a setuid bit on daemon.json is removed too")
        << HostEdit([](HostFacts& h) { fileOf(h, "daemon.json").mode = 04644; }) << "HST-042" << 1
        << "chmod u-s";
    QTest::newRow("a changed devicemapper base size is reported for 2.11") << HostEdit([](HostFacts& h) {
        h.settings["storage-opts"] = {"dm.basesize=50G, dm.thinpooldev=/dev/mapper/x",
                                      "/etc/docker/daemon.json"};
    }) << "HST-049" << 1 << "storage-opts = dm.basesize=50G";
    QTest::newRow("other storage options leave 2.11 alone") << HostEdit([](HostFacts& h) {
        h.settings["storage-opts"] = {"overlay2.size=10G", "/etc/docker/daemon.json"};
    }) << "HST-049" << 0 << "";
    QTest::newRow("an item the inspector could not read is not judged") << HostEdit([](HostFacts& h) {
        h.settings.erase("no-new-privileges");
        h.notChecked["2.14"] = "needs root: /etc/docker/daemon.json is not readable";
    }) << "HST-023" << 0 << "";
}

void TestHostRules::fires()
{
    QFETCH(HostEdit, edit);
    QFETCH(QString, ruleId);
    QFETCH(int, count);
    QFETCH(QString, evidence);
    Inventory inv = cleanHost();
    edit(*inv.host);
    const auto findings = evaluateCatalogue(m_catalogue, inv, ruleId.toStdString(), 0);
    QCOMPARE(int(findings.size()), count);
    if (count > 0) {
        QVERIFY2(QString::fromStdString(findings[0].evidence).contains(evidence),
                 findings[0].evidence.c_str());
        QCOMPARE(findings[0].area, Area::Host);
        QVERIFY(!findings[0].cis.id.empty());
    }
    // Every other rule stays quiet: one edit, one finding.
    const auto all = evaluateCatalogue(m_catalogue, inv, "", 0);
    QCOMPARE(int(all.size()), count);
}

QTEST_APPLESS_MAIN(TestHostRules)
#include "TestHostRules.moc"
