#include "core/common/Time.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/network/NetworkRules.h"

#include "tests/core/FindingDescriptions.h"
#include "tests/support/RuleFixtures.h"

#include <QtTest>

using namespace drydock;
using namespace drydock::test;

namespace {

const std::int64_t kNow = *parseRfc3339("2026-11-28T10:00:00Z");

Network bridgeNetwork(const std::string& name, StringMap options = {})
{
    Network n;
    n.id = "net-" + name;
    n.name = name;
    n.driver = "bridge";
    n.scope = "local";
    n.options = std::move(options);
    return n;
}

// A running container on its own user network, publishing one port on loopback: no network rule fires.
// Each row changes one thing.
Inventory isolatedInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.daemon.id = "daemon-1";
    inv.daemon.name = "dockerhost";
    inv.networks.push_back(bridgeNetwork("bridge", {{"com.docker.network.bridge.default_bridge", "true"},
                                                    {"com.docker.network.bridge.enable_icc", "true"},
                                                    {"com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"}}));
    inv.networks.push_back(bridgeNetwork("appnet"));

    Container c;
    c.id = "c0ffee0000000000000000000000000000000000000000000000000000000001";
    c.name = "web";
    c.state.status = "running";
    c.state.running = true;
    c.config.exposedPorts = {"80/tcp"};
    c.hostConfig.networkMode = "appnet";
    c.hostConfig.portBindings = {{"80/tcp", {{"127.0.0.1", "8080"}}}};
    c.effectivePorts = {{"80/tcp", {{"127.0.0.1", "8080"}}}};
    EndpointSettings appnet;
    appnet.networkName = "appnet";
    appnet.networkId = "net-appnet";
    c.networks.push_back(appnet);
    inv.containers.push_back(c);
    return inv;
}

Container& web(Inventory& inv) { return inv.containers.front(); }

// Publishes ports as a running container does (effective bindings) or as a stopped one will (requested).
void running(Inventory& inv, std::vector<PortMapping> ports)
{
    web(inv).hostConfig.portBindings = ports;
    web(inv).effectivePorts = std::move(ports);
}

void stopped(Inventory& inv, std::vector<PortMapping> ports)
{
    web(inv).state.status = "exited";
    web(inv).state.running = false;
    web(inv).effectivePorts.clear();
    web(inv).hostConfig.portBindings = std::move(ports);
}

std::vector<Finding> evaluate(const Rule& rule, const Inventory& inventory)
{
    return evaluateRule(rule, inventory, kNow);
}

} // namespace

// The network rules (NET-001 … NET-012) on hand-made containers, networks and endpoints: when each fires,
// how severe, on which object, with what evidence and which run edits.
class TestNetworkRules : public QObject
{
    Q_OBJECT

private slots:
    void catalogueHasEveryNetworkRuleWithItsTexts();
    void ruleDefaults_data();
    void ruleDefaults();
    void isolatedContainerRaisesNoNetworkFinding();
    void rule_data();
    void rule();
    void riskyPortTitleNamesTheService_data();
    void riskyPortTitleNamesTheService();
};

void TestNetworkRules::catalogueHasEveryNetworkRuleWithItsTexts()
{
    verifyAreaRules(areaCatalogue(registerNetworkRules), Area::Network, "NET", 12);
}

void TestNetworkRules::ruleDefaults_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("cisId");
    QTest::newRow("NET-001 host network is high, CIS 5.10") << "NET-001" << "high" << "5.10";
    QTest::newRow("NET-002 default bridge is low, CIS 5.30") << "NET-002" << "low" << "5.30";
    QTest::newRow("NET-003 all interfaces is medium, CIS 5.14") << "NET-003" << "medium" << "5.14";
    QTest::newRow("NET-004 privileged port is low, CIS 5.8") << "NET-004" << "low" << "5.8";
    QTest::newRow("NET-005 publish-all is medium, CIS 5.9") << "NET-005" << "medium" << "5.9";
    QTest::newRow("NET-006 risky port is high, no CIS control") << "NET-006" << "high" << "";
    QTest::newRow("NET-007 links is low, no CIS control") << "NET-007" << "low" << "";
    QTest::newRow("NET-008 unencrypted overlay is medium, CIS 7.3") << "NET-008" << "medium" << "7.3";
    QTest::newRow("NET-009 IPv6 is medium, no CIS control") << "NET-009" << "medium" << "";
    QTest::newRow("NET-010 macvlan is info, no CIS control") << "NET-010" << "info" << "";
    QTest::newRow("NET-011 several networks is info, no CIS control") << "NET-011" << "info" << "";
    QTest::newRow("NET-012 plain-TCP API is critical, CIS 2.7") << "NET-012" << "critical" << "2.7";
}

void TestNetworkRules::ruleDefaults()
{
    QFETCH(QString, id);
    QFETCH(QString, severity);
    QFETCH(QString, cisId);
    verifyRuleDefaults(areaCatalogue(registerNetworkRules), id, severity, cisId);
}

void TestNetworkRules::isolatedContainerRaisesNoNetworkFinding()
{
    const Inventory inv = isolatedInventory();
    verifyNoFindings(areaCatalogue(registerNetworkRules), inv, kNow);
}

void TestNetworkRules::rule_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<InventorySetup>("setup");
    QTest::addColumn<QStringList>("findings"); // "severity[|discriminator]" per finding
    QTest::addColumn<QString>("object");       // "type:name" of the first finding
    QTest::addColumn<QString>("evidence");     // of the first finding
    QTest::addColumn<QStringList>("edits");    // of the first finding

    const QStringList none;
    const QString webRef = "container:web";
    const auto mode = [](const char* m) { return [m](Inventory& i) { web(i).hostConfig.networkMode = m; }; };
    const auto loopback80 = QStringList{"loopback --publish 80/tcp"};

    // NET-001
    QTest::newRow("NET-001 fires on the host network and keeps exposed ports on loopback")
        << "NET-001"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.networkMode = "host";
               web(i).config.exposedPorts = {"80/tcp", "53/udp"};
           })
        << QStringList{"high"} << webRef << "HostConfig.NetworkMode = host"
        << QStringList{"remove --network", "add --network appnet", "add --publish 127.0.0.1:80:80",
                       "add --publish 127.0.0.1:53:53/udp"};
    QTest::newRow("NET-001 stays quiet on a user network")
        << "NET-001" << InventorySetup(mode("appnet")) << none << "" << "" << none;

    // NET-002
    QTest::newRow("NET-002 fires on a plain docker run (mode default)")
        << "NET-002" << InventorySetup(mode("default")) << QStringList{"low"} << webRef
        << "HostConfig.NetworkMode = default" << QStringList{"add --network web-net"};
    QTest::newRow("NET-002 fires on an explicit --network bridge")
        << "NET-002" << InventorySetup(mode("bridge")) << QStringList{"low"} << webRef
        << "HostConfig.NetworkMode = bridge" << QStringList{"remove --network", "add --network web-net"};
    QTest::newRow("NET-002 fires when docker0 was connected later, without a run edit")
        << "NET-002"
        << InventorySetup([](Inventory& i) {
               EndpointSettings bridge;
               bridge.networkName = "bridge";
               web(i).networks.push_back(bridge);
           })
        << QStringList{"low"} << webRef << "NetworkSettings.Networks has bridge" << none;
    QTest::newRow("NET-002 stays quiet on the host network") << "NET-002" << InventorySetup(mode("host")) << none
                                                             << "" << "" << none;
    QTest::newRow("NET-002 stays quiet on no network") << "NET-002" << InventorySetup(mode("none")) << none << ""
                                                       << "" << none;
    QTest::newRow("NET-002 stays quiet when sharing another container's network")
        << "NET-002" << InventorySetup(mode("container:0123456789ab")) << none << "" << "" << none;

    // NET-003
    QTest::newRow("NET-003 fires once for a port bound on 0.0.0.0 and ::")
        << "NET-003"
        << InventorySetup([](Inventory& i) { running(i, {{"80/tcp", {{"0.0.0.0", "8080"}, {"::", "8080"}}}}); })
        << QStringList{"medium|8080->80/tcp"} << webRef << "NetworkSettings.Ports[80/tcp] = 0.0.0.0:8080, [::]:8080"
        << loopback80;
    QTest::newRow("NET-003 catches an IPv6-only wildcard binding")
        << "NET-003" << InventorySetup([](Inventory& i) { running(i, {{"80/tcp", {{"::", "8080"}}}}); })
        << QStringList{"medium|8080->80/tcp"} << webRef << "NetworkSettings.Ports[80/tcp] = [::]:8080" << loopback80;
    QTest::newRow("NET-003 reports each published port on its own")
        << "NET-003"
        << InventorySetup([](Inventory& i) {
               running(i, {{"80/tcp", {{"0.0.0.0", "8080"}}},
                           {"443/tcp", {{"0.0.0.0", "8443"}}},
                           {"9090/tcp", {{"127.0.0.1", "9090"}}}});
           })
        << QStringList{"medium|8080->80/tcp", "medium|8443->443/tcp"} << webRef
        << "NetworkSettings.Ports[80/tcp] = 0.0.0.0:8080" << loopback80;
    QTest::newRow("NET-003 resolves HostIp \"\" of a stopped container through docker0's binding address")
        << "NET-003"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.networkMode = "default";
               stopped(i, {{"80/tcp", {{"", "8080"}}}});
           })
        << QStringList{"medium|8080->80/tcp"} << webRef
        << "HostConfig.PortBindings[80/tcp] = 0.0.0.0:8080 (HostIp \"\": the network's default address)"
        << loopback80;
    QTest::newRow("NET-003 accepts HostIp \"\" when docker0 binds to loopback by default")
        << "NET-003"
        << InventorySetup([](Inventory& i) {
               i.networks[0].options["com.docker.network.bridge.host_binding_ipv4"] = "127.0.0.1";
               web(i).hostConfig.networkMode = "default";
               stopped(i, {{"80/tcp", {{"", "8080"}}}});
           })
        << none << "" << "" << none;
    QTest::newRow("NET-003 uses the user network's own binding address, not docker0's")
        << "NET-003"
        << InventorySetup([](Inventory& i) {
               i.networks[0].options["com.docker.network.bridge.host_binding_ipv4"] = "127.0.0.1";
               stopped(i, {{"80/tcp", {{"", ""}}}});
           })
        << QStringList{"medium|random->80/tcp"} << webRef
        << "HostConfig.PortBindings[80/tcp] = 0.0.0.0:(random) (HostIp \"\": the network's default address)"
        << loopback80;
    QTest::newRow("NET-003 fires on an explicit wildcard of a stopped container")
        << "NET-003" << InventorySetup([](Inventory& i) { stopped(i, {{"53/udp", {{"0.0.0.0", "53"}}}}); })
        << QStringList{"medium|53->53/udp"} << webRef << "HostConfig.PortBindings[53/udp] = 0.0.0.0:53"
        << QStringList{"loopback --publish 53/udp"};
    QTest::newRow("NET-003 ignores bindings a host-network container cannot use")
        << "NET-003"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.networkMode = "host";
               stopped(i, {{"80/tcp", {{"", "8080"}}}});
           })
        << none << "" << "" << none;

    // NET-004
    QTest::newRow("NET-004 fires on host port 80 even on loopback")
        << "NET-004" << InventorySetup([](Inventory& i) { running(i, {{"80/tcp", {{"127.0.0.1", "80"}}}}); })
        << QStringList{"low|80->80/tcp"} << webRef << "NetworkSettings.Ports[80/tcp] = 127.0.0.1:80" << none;
    QTest::newRow("NET-004 fires on host port 1023")
        << "NET-004" << InventorySetup([](Inventory& i) { running(i, {{"8080/tcp", {{"0.0.0.0", "1023"}}}}); })
        << QStringList{"low|1023->8080/tcp"} << webRef << "NetworkSettings.Ports[8080/tcp] = 0.0.0.0:1023" << none;
    QTest::newRow("NET-004 accepts host port 1024")
        << "NET-004" << InventorySetup([](Inventory& i) { running(i, {{"80/tcp", {{"0.0.0.0", "1024"}}}}); })
        << none << "" << "" << none;
    QTest::newRow("NET-004 accepts a random host port")
        << "NET-004" << InventorySetup([](Inventory& i) { stopped(i, {{"80/tcp", {{"127.0.0.1", ""}}}}); }) << none
        << "" << "" << none;

    // NET-005
    QTest::newRow("NET-005 fires on publish-all and keeps the other exposed ports on loopback")
        << "NET-005"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.publishAllPorts = true;
               web(i).config.exposedPorts = {"80/tcp", "53/udp"};
           })
        << QStringList{"medium"} << webRef << "HostConfig.PublishAllPorts = true (exposes 80/tcp, 53/udp)"
        << QStringList{"remove --publish-all", "add --publish 127.0.0.1::53/udp"};
    QTest::newRow("NET-005 stays quiet without publish-all") << "NET-005" << InventorySetup([](Inventory&) {})
                                                             << none << "" << "" << none;

    // NET-006
    QTest::newRow("NET-006 fires high on PostgreSQL open to the network")
        << "NET-006" << InventorySetup([](Inventory& i) { running(i, {{"5432/tcp", {{"0.0.0.0", "5432"}}}}); })
        << QStringList{"high|5432->5432/tcp"} << webRef << "NetworkSettings.Ports[5432/tcp] = 0.0.0.0:5432"
        << QStringList{"loopback --publish 5432/tcp"};
    QTest::newRow("NET-006 fires critical on the Docker API port")
        << "NET-006" << InventorySetup([](Inventory& i) { running(i, {{"2375/tcp", {{"::", "2375"}}}}); })
        << QStringList{"critical|2375->2375/tcp"} << webRef << "NetworkSettings.Ports[2375/tcp] = [::]:2375"
        << QStringList{"loopback --publish 2375/tcp"};
    QTest::newRow("NET-006 fires critical when a harmless container port lands on the Swarm port")
        << "NET-006" << InventorySetup([](Inventory& i) { running(i, {{"8080/tcp", {{"0.0.0.0", "2377"}}}}); })
        << QStringList{"critical|2377->8080/tcp"} << webRef << "NetworkSettings.Ports[8080/tcp] = 0.0.0.0:2377"
        << QStringList{"loopback --publish 8080/tcp"};
    QTest::newRow("NET-006 accepts Redis on loopback")
        << "NET-006" << InventorySetup([](Inventory& i) { running(i, {{"6379/tcp", {{"127.0.0.1", "6379"}}}}); })
        << none << "" << "" << none;
    QTest::newRow("NET-006 accepts an ordinary web port on all interfaces")
        << "NET-006" << InventorySetup([](Inventory& i) { running(i, {{"80/tcp", {{"0.0.0.0", "8080"}}}}); })
        << none << "" << "" << none;

    // NET-007
    QTest::newRow("NET-007 fires on links and moves to the network NET-002 proposes")
        << "NET-007"
        << InventorySetup([](Inventory& i) {
               web(i).hostConfig.networkMode = "default";
               web(i).hostConfig.links = {"/db:/web/db"};
           })
        << QStringList{"low"} << webRef << "HostConfig.Links = [/db:/web/db]"
        << QStringList{"remove --link", "add --network web-net"};
    QTest::newRow("NET-007 proposes no edit on a user network, where a link is only an alias")
        << "NET-007" << InventorySetup([](Inventory& i) { web(i).hostConfig.links = {"/db:/web/db"}; })
        << QStringList{"low"} << webRef << "HostConfig.Links = [/db:/web/db]" << none;

    // NET-008 … NET-010 judge networks.
    const auto addNetwork = [](const char* name, const char* driver, StringMap options, bool ipv6) {
        return [=](Inventory& i) {
            Network n = bridgeNetwork(name, options);
            n.driver = driver;
            n.enableIPv6 = ipv6;
            i.networks.push_back(n);
        };
    };
    QTest::newRow("NET-008 fires on an unencrypted overlay network")
        << "NET-008" << InventorySetup(addNetwork("backend", "overlay", {}, false)) << QStringList{"medium"}
        << "network:backend" << "Driver = overlay, Options has no encrypted" << none;
    QTest::newRow("NET-008 accepts the encrypted option with an empty value")
        << "NET-008" << InventorySetup(addNetwork("backend", "overlay", {{"encrypted", ""}}, false)) << none << ""
        << "" << none;
    QTest::newRow("NET-009 fires on an IPv6 network")
        << "NET-009" << InventorySetup(addNetwork("v6net", "bridge", {}, true)) << QStringList{"medium"}
        << "network:v6net" << "EnableIPv6 = true" << none;
    QTest::newRow("NET-010 notes a macvlan network")
        << "NET-010" << InventorySetup(addNetwork("lan", "macvlan", {}, false)) << QStringList{"info"}
        << "network:lan" << "Driver = macvlan" << none;
    QTest::newRow("NET-010 notes an ipvlan network")
        << "NET-010" << InventorySetup(addNetwork("lan", "ipvlan", {}, false)) << QStringList{"info"}
        << "network:lan" << "Driver = ipvlan" << none;

    // NET-011
    QTest::newRow("NET-011 notes a container on two networks")
        << "NET-011"
        << InventorySetup([](Inventory& i) {
               EndpointSettings backend;
               backend.networkName = "backend";
               web(i).networks.push_back(backend);
           })
        << QStringList{"info"} << webRef << "NetworkSettings.Networks = [appnet, backend]" << none;

    // NET-012
    const auto endpoint = [](const char* url, StringList warnings) {
        return [=](Inventory& i) {
            i.endpoint = url;
            i.daemon.warnings = warnings;
        };
    };
    const StringList plainWarning{
        "WARNING: API is accessible on http://0.0.0.0:2380 without encryption.\n         Access to the remote "
        "API is equivalent to root access on the host. Refer\n         to the 'Docker daemon attack surface' "
        "section in the documentation for\n         more information: "
        "https://docs.docker.com/go/attack-surface/"};
    QTest::newRow("NET-012 fires when Drydock uses the plain-HTTP port 2375")
        << "NET-012" << InventorySetup(endpoint("tcp://10.0.0.5:2375", {})) << QStringList{"critical"}
        << "daemon:dockerhost" << "Endpoint = tcp://10.0.0.5:2375 (plain-HTTP port)" << none;
    QTest::newRow("NET-012 fires when the daemon says the port Drydock uses has no encryption")
        << "NET-012" << InventorySetup(endpoint("tcp://10.0.0.5:2380", plainWarning)) << QStringList{"critical"}
        << "daemon:dockerhost"
        << "Endpoint = tcp://10.0.0.5:2380; daemon: API is accessible on http://0.0.0.0:2380 without encryption."
        << none;
    QTest::newRow("NET-012 understands a bracketed IPv6 endpoint")
        << "NET-012" << InventorySetup(endpoint("tcp://[::1]:2375", {})) << QStringList{"critical"}
        << "daemon:dockerhost" << "Endpoint = tcp://[::1]:2375 (plain-HTTP port)" << none;
    QTest::newRow("NET-012 leaves a plain listener on another port to DMN-001 when Drydock uses TLS")
        << "NET-012" << InventorySetup(endpoint("tcp://10.0.0.5:2376", plainWarning)) << none << "" << "" << none;
    QTest::newRow("NET-012 ignores a TLS listener without client verification")
        << "NET-012"
        << InventorySetup(endpoint("tcp://10.0.0.5:2376",
                                   {"WARNING: API is accessible on https://0.0.0.0:2376 without TLS client "
                                    "verification."}))
        << none << "" << "" << none;
    QTest::newRow("NET-012 ignores the daemon's plain listener when Drydock uses the Unix socket")
        << "NET-012" << InventorySetup(endpoint("unix:///var/run/docker.sock", plainWarning)) << none << "" << ""
        << none;
}

void TestNetworkRules::rule()
{
    QFETCH(QString, id);
    QFETCH(InventorySetup, setup);
    QFETCH(QStringList, findings);
    QFETCH(QString, object);
    QFETCH(QString, evidence);
    QFETCH(QStringList, edits);

    Inventory inv = isolatedInventory();
    setup(inv);
    const RuleCatalogue catalogue = areaCatalogue(registerNetworkRules);
    const Rule* rule = catalogue.find(id.toStdString());
    QVERIFY(rule);
    const auto result = evaluate(*rule, inv);

    QCOMPARE(summarize(result), findings);
    if (result.empty()) {
        return;
    }
    const Finding& first = result.front();
    QCOMPARE(QString::fromStdString(first.ruleId), id);
    QCOMPARE(first.area, Area::Network);
    QCOMPARE(QString::fromLatin1(toString(first.object.type)) + ":" + QString::fromStdString(first.object.name),
             object);
    QCOMPARE(QString::fromStdString(first.evidence), evidence);
    QCOMPARE(describe(first.remediation.edits), edits);
}

void TestNetworkRules::riskyPortTitleNamesTheService_data()
{
    QTest::addColumn<QString>("containerPort");
    QTest::addColumn<QString>("hostPort");
    QTest::addColumn<QString>("title");

    QTest::newRow("by container port") << "27017/tcp" << "27018"
                                       << "Sensitive service port open to the network: 27017 (MongoDB)";
    QTest::newRow("by host port") << "8080/tcp" << "2376"
                                  << "Sensitive service port open to the network: 2376 (Docker API (TLS))";
    QTest::newRow("the more severe of the two") << "22/tcp" << "2375"
                                                << "Sensitive service port open to the network: 2375 (Docker API)";
}

void TestNetworkRules::riskyPortTitleNamesTheService()
{
    QFETCH(QString, containerPort);
    QFETCH(QString, hostPort);
    QFETCH(QString, title);
    Inventory inv = isolatedInventory();
    running(inv, {{containerPort.toStdString(), {{"0.0.0.0", hostPort.toStdString()}}}});
    const auto result = evaluate(*areaCatalogue(registerNetworkRules).find("NET-006"), inv);
    QCOMPARE(result.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(result[0].title), title);
}

QTEST_APPLESS_MAIN(TestNetworkRules)
#include "TestNetworkRules.moc"
