// The exposure map on recorded inventories (issue #24): the graph the realistic 34-container set makes (host,
// networks, containers, ports exposed or on loopback, badges from the findings), compose grouping, the
// "only reachable from outside" filter, the Graphviz layout (no overlaps, a shape that fits a screen at 200
// containers) and the SVG, parsed, with hostile names that must not inject anything.
#include "core/exposure/ExposureDrawing.h"
#include "core/exposure/ExposureGraph.h"
#include "core/exposure/ExposureLayout.h"
#include "core/report/ExposureMap.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/RealisticScan.h"

#include <QTest>
#include <QXmlStreamReader>
#include <map>

using namespace drydock;

namespace {

const ExposureNode* nodeNamed(const ExposureGraph& g, const std::string& label)
{
    for (const auto& n : g.nodes) {
        if (n.label == label) {
            return &n;
        }
    }
    return nullptr;
}

bool hasBadge(const ExposureNode& n, ExposureBadgeKind kind, const std::string& detail = {})
{
    for (const auto& b : n.badges) {
        if (b.kind == kind && (detail.empty() || b.detail == detail)) {
            return true;
        }
    }
    return false;
}

bool hasEdge(const ExposureGraph& g, std::size_t from, std::size_t to, ExposureEdgeKind kind)
{
    for (const auto& e : g.edges) {
        if (e.from == from && e.to == to && e.kind == kind) {
            return true;
        }
    }
    return false;
}

std::size_t indexOf(const ExposureGraph& g, const std::string& label)
{
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        if (g.nodes[i].label == label) {
            return i;
        }
    }
    return SIZE_MAX;
}

bool overlaps(const MapBox& a, const MapBox& b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// The realistic set with compose projects: "shop" holds the first 8 containers, "crm" the next 4.
ScanResult composedScan(const RuleCatalogue& catalogue, int containers)
{
    ScanResult scan = test::realisticScan(catalogue, containers);
    for (std::size_t i = 0; i < scan.inventory.containers.size(); ++i) {
        auto& labels = scan.inventory.containers[i].config.labels;
        if (i < 8) {
            labels["com.docker.compose.project"] = "shop";
        } else if (i < 12) {
            labels["com.docker.compose.project"] = "crm";
        } else if (containers > 34) {
            labels["com.docker.compose.project"] = "team" + std::to_string(i / 6);
        }
    }
    return scan;
}

} // namespace

// The exposure map's graph, filter, layout and drawing.
class TestExposureMap : public QObject
{
    Q_OBJECT
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    const ScanResult m_scan = test::realisticScan(m_catalogue);

private slots:
    void theHostIsFirstAndEveryContainerIsANode()
    {
        const ExposureGraph g = buildExposureGraph(m_scan.inventory, m_scan.findings);
        QCOMPARE(g.nodes.front().kind, ExposureNodeKind::Host);
        QCOMPARE(g.containerCount(), std::size_t(34));
        // Recorded networks: the default bridge and appnet, each attached to the host.
        const std::size_t appnet = indexOf(g, "appnet");
        QVERIFY(appnet != SIZE_MAX);
        QVERIFY(hasEdge(g, 0, appnet, ExposureEdgeKind::HostAttached));
        QVERIFY(hasEdge(g, appnet, indexOf(g, "api-1"), ExposureEdgeKind::Membership));
    }

    void aPortOnAllInterfacesIsExposedAndOneOnLoopbackIsNot()
    {
        // api-1 is the recorded webapp: 0.0.0.0:8080->80/tcp and 127.0.0.1:5432->5432/tcp.
        const ExposureGraph g = buildExposureGraph(m_scan.inventory, m_scan.findings);
        const std::size_t api = indexOf(g, "api-1");
        QVERIFY(api != SIZE_MAX);
        QVERIFY(hasEdge(g, 0, api, ExposureEdgeKind::ExposedPort));
        QVERIFY(hasEdge(g, 0, api, ExposureEdgeKind::LoopbackPort));
        const ExposureNode& n = g.nodes[api];
        QVERIFY(n.reachable);
        QCOMPARE(n.ports.size(), std::size_t(2));
        for (const auto& p : n.ports) {
            QCOMPARE(p.exposed, p.text.rfind("127.0.0.1", 0) != 0);
        }
        // worker-2 (the recorded privileged container) publishes nothing: not reachable.
        QVERIFY(!nodeNamed(g, "worker-2")->reachable);
    }

    void badgesComeFromTheFindingsWithTheirDetail()
    {
        const ExposureGraph g = buildExposureGraph(m_scan.inventory, m_scan.findings);
        QVERIFY(hasBadge(*nodeNamed(g, "worker-2"), ExposureBadgeKind::Privileged));
        QVERIFY(hasBadge(*nodeNamed(g, "cache-3"), ExposureBadgeKind::HostPid));
        QVERIFY(hasBadge(*nodeNamed(g, "api-1"), ExposureBadgeKind::SensitiveMount, "/etc"));
        // Each node's worst severity is the worst of its open findings.
        for (const auto& c : m_scan.inventory.containers) {
            std::optional<Severity> worst;
            for (const Finding* f : m_scan.findings.forObject(c.id)) {
                if (!f->waiver && (!worst || f->severity > *worst)) {
                    worst = f->severity;
                }
            }
            QCOMPARE(nodeNamed(g, c.name)->worst, worst);
        }
    }

    void theRuntimeSocketHostNetworkAndASecretBecomeBadges()
    {
        ScanResult scan = m_scan;
        Container& c = scan.inventory.containers[4]; // plain
        c.mounts.push_back(
            {"bind", "", "/var/run/docker.sock", "/var/run/docker.sock", "", "", "rprivate", true});
        c.hostConfig.networkMode = "host";
        c.networks.clear();
        c.config.env.push_back("DB_PASSWORD=Tr0ub4dor&3-correct-horse");
        scan.findings = RuleEngine(m_catalogue).evaluate(scan.inventory, ScanSettings{}, scan.startedAtUnix);
        const ExposureGraph g = buildExposureGraph(scan.inventory, scan.findings);
        const ExposureNode& n = *nodeNamed(g, c.name);
        QVERIFY(hasBadge(n, ExposureBadgeKind::RuntimeApi));
        QCOMPARE(n.badges.front().severity, Severity::Critical);
        QVERIFY(hasBadge(n, ExposureBadgeKind::HostNetwork));
        QVERIFY(hasBadge(n, ExposureBadgeKind::EnvSecret, "DB_PASSWORD"));
        QCOMPARE(n.worst, std::optional(Severity::Critical));
        QVERIFY(n.reachable); // the host's network stack is reachable from outside
        const std::size_t hostNet = indexOf(g, "host network");
        QVERIFY(hostNet != SIZE_MAX);
        QVERIFY(hasEdge(g, hostNet, indexOf(g, c.name), ExposureEdgeKind::Membership));
        // The secret's value is in no picture of the map.
        auto layout = layoutExposure(g);
        QVERIFY(layout.ok());
        const std::string svg = exposureSvg(drawExposure(g, *layout, exposurePalette()));
        QVERIFY(svg.find("DB_PASSWORD") != std::string::npos);
        QVERIFY(svg.find("Tr0ub4dor") == std::string::npos);
    }

    void theFilterKeepsOnlyWhatIsReachableFromOutside()
    {
        const ExposureGraph full = buildExposureGraph(m_scan.inventory, m_scan.findings);
        ExposureView view;
        view.onlyReachable = true;
        const ExposureGraph g = viewExposureGraph(full, view);
        std::size_t expected = 0;
        for (const auto& c : m_scan.inventory.containers) {
            expected += reachableFromOutside(m_scan.inventory, c) ? 1 : 0;
        }
        QVERIFY(expected > 0 && expected < 34);
        QCOMPARE(g.containerCount(), expected);
        for (const auto& n : g.nodes) {
            QVERIFY(n.kind != ExposureNodeKind::Container || n.reachable);
            if (n.kind == ExposureNodeKind::Container) {
                QVERIFY(std::any_of(n.ports.begin(), n.ports.end(),
                                    [](const ExposurePort& p) { return p.exposed; }));
            }
        }
        // The default bridge has only unreachable members here: it goes; appnet stays with api-1.
        QVERIFY(nodeNamed(g, "appnet"));
        QVERIFY(!nodeNamed(g, "bridge"));
        for (const auto& e : g.edges) {
            QVERIFY(e.from < g.nodes.size() && e.to < g.nodes.size());
        }
    }

    void aComposeProjectIsOneBoxUntilItIsExpanded()
    {
        const ScanResult scan = composedScan(m_catalogue, 34);
        const ExposureGraph full = buildExposureGraph(scan.inventory, scan.findings);
        const ExposureGraph collapsed = viewExposureGraph(full, {});
        const ExposureNode* shop = nodeNamed(collapsed, "shop");
        QVERIFY(shop);
        QCOMPARE(shop->kind, ExposureNodeKind::ComposeProject);
        QCOMPARE(shop->members, 8);
        QCOMPARE(collapsed.containerCount(), std::size_t(34));
        QVERIFY(!nodeNamed(collapsed, "api-1"));
        // The box carries its members' worst severity and badges (worker-2 is privileged).
        QCOMPARE(shop->worst, std::optional(Severity::Critical));
        QVERIFY(hasBadge(*shop, ExposureBadgeKind::Privileged));
        QVERIFY(hasEdge(collapsed, 0, indexOf(collapsed, "shop"), ExposureEdgeKind::ExposedPort));

        ExposureView open;
        open.expandedProjects = {"shop"};
        const ExposureGraph expanded = viewExposureGraph(full, open);
        QVERIFY(nodeNamed(expanded, "api-1"));
        QVERIFY(nodeNamed(expanded, "crm"));
        auto layout = layoutExposure(expanded);
        QVERIFY(layout.ok());
        QCOMPARE(layout->clusters.size(), std::size_t(1));
        QCOMPARE(layout->clusters[0].project, std::string("shop"));
        // The frame holds its containers.
        const MapBox& frame = layout->clusters[0].box;
        const MapBox& api = layout->nodes[indexOf(expanded, "api-1")];
        QVERIFY(api.x >= frame.x && api.x + api.width <= frame.x + frame.width + 0.5);
        QVERIFY(api.y >= frame.y && api.y + api.height <= frame.y + frame.height + 0.5);
    }

    void theLayoutPlacesEveryBoxApartWithTheHostOnTop_data()
    {
        QTest::addColumn<int>("containers");
        QTest::addColumn<bool>("grouped");
        QTest::newRow("34 containers, one box each") << 34 << false;
        QTest::newRow("200 containers, one box each") << 200 << false;
        QTest::newRow("200 containers in compose projects, collapsed") << 200 << true;
    }

    void theLayoutPlacesEveryBoxApartWithTheHostOnTop()
    {
        QFETCH(int, containers);
        QFETCH(bool, grouped);
        ScanResult scan =
            grouped ? composedScan(m_catalogue, containers) : test::realisticScan(m_catalogue, containers);
        const ExposureGraph g = viewExposureGraph(buildExposureGraph(scan.inventory, scan.findings), {});
        auto layout = layoutExposure(g);
        QVERIFY2(layout.ok(), layout ? "" : layout.error().message.c_str());
        QCOMPARE(layout->nodes.size(), g.nodes.size());
        QCOMPARE(layout->edges.size(), g.edges.size());
        for (std::size_t i = 0; i < g.nodes.size(); ++i) {
            const MapBox& b = layout->nodes[i];
            QVERIFY(b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= layout->width + 0.5 &&
                    b.y + b.height <= layout->height + 0.5);
            QVERIFY2(i == 0 || b.y > layout->nodes[0].y, g.nodes[i].label.c_str());
            for (std::size_t j = i + 1; j < g.nodes.size(); ++j) {
                QVERIFY2(!overlaps(b, layout->nodes[j]),
                         (g.nodes[i].label + " / " + g.nodes[j].label).c_str());
            }
        }
        for (const auto& points : layout->edges) {
            QVERIFY(points.size() >= 4);
        }
        // Readable: a block about as wide as a screen's shape, not one row of hundreds of boxes.
        const double ratio = layout->width / layout->height;
        QVERIFY2(ratio < 6 && ratio > 0.25, qPrintable(QString::number(ratio)));
    }

    void aFewContainersOfANetworkStandInOneRow()
    {
        // Stacked, the lower boxes' edges to their network ran through the boxes above and read as links
        // between containers.
        ScanResult scan = test::realisticScan(m_catalogue, 5);
        const ExposureGraph g = viewExposureGraph(buildExposureGraph(scan.inventory, scan.findings), {});
        auto layout = layoutExposure(g);
        QVERIFY(layout.ok());
        std::map<std::size_t, std::vector<double>> rowsOf; // network -> its containers' vertical centres
        std::vector<bool> seen(g.nodes.size(), false);
        for (const auto& e : g.edges) {
            if (e.kind == ExposureEdgeKind::Membership && g.nodes[e.to].kind == ExposureNodeKind::Container &&
                !seen[e.to]) {
                seen[e.to] = true;
                rowsOf[e.from].push_back(layout->nodes[e.to].y +
                                         layout->nodes[e.to].height / 2); // one rank: one centre line
            }
        }
        QVERIFY(!rowsOf.empty());
        for (const auto& [network, ys] : rowsOf) {
            for (double y : ys) {
                QCOMPARE(y, ys.front());
            }
        }
    }

    void theSvgIsWellFormedAndEscapesHostileNames()
    {
        ScanResult scan = m_scan;
        scan.inventory.containers[0].name = "<script>alert(1)</script>";
        scan.inventory.containers[1].config.labels["com.docker.compose.project"] = "\"><svg onload=alert(2)>";
        scan.inventory.containers[2].config.labels["com.docker.compose.project"] = "\"><svg onload=alert(2)>";
        scan.inventory.containers[3].config.image = "img&amp;<!--";
        ExposureView view;
        view.expandedProjects = {"\"><svg onload=alert(2)>"};
        const ExposureGraph g = viewExposureGraph(buildExposureGraph(scan.inventory, scan.findings), view);
        auto layout = layoutExposure(g);
        QVERIFY(layout.ok());
        const std::string svg = exposureSvg(drawExposure(g, *layout, exposurePalette()));
        QXmlStreamReader xml(QByteArray::fromStdString(svg));
        int svgElements = 0;
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                QVERIFY2(xml.name() != QLatin1String("script"), "a script element");
                svgElements += xml.name() == QLatin1String("svg") ? 1 : 0;
                for (const auto& attribute : xml.attributes()) {
                    QVERIFY2(!attribute.name().startsWith(QLatin1String("on")),
                             qPrintable(attribute.name().toString()));
                }
                if (xml.name() == QLatin1String("text")) {
                    texts << xml.readElementText();
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(svgElements, 1);
        QVERIFY(texts.contains(QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(texts.contains(QStringLiteral("\"><svg onload=alert(2)>")));
    }

    void aReportDrawsTheWholeSetOrOnlyWhatIsReachableWhenItIsHuge()
    {
        const auto small = reportExposureMap(m_scan);
        QVERIFY(small);
        QVERIFY(!small->reachableOnly);
        const ScanResult big = test::realisticScan(m_catalogue, 400);
        const auto large = reportExposureMap(big);
        QVERIFY(large);
        QVERIFY(large->reachableOnly);
        ScanResult empty;
        QVERIFY(!reportExposureMap(empty));
    }
};

QTEST_GUILESS_MAIN(TestExposureMap)
#include "TestExposureMap.moc"
