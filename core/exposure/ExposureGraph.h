#pragma once
#include "core/common/Severity.h"
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace drydock {

// What a box of the exposure map stands for.
enum class ExposureNodeKind
{
    Host,          // the daemon's host, on top
    Network,       // a Docker network with members
    HostNetwork,   // the host's own network stack, shared by --network host containers
    Container,
    ComposeProject // the containers of one compose project, collapsed into one box
};

// What an attacker gains through a container, as the map shows it. Each comes from a finding of the scan
// (the rule is the one place that decides), so the map and the findings never disagree.
enum class ExposureBadgeKind
{
    RuntimeApi,          // CTR-013: the Docker (or another runtime's) API reachable from inside
    Privileged,          // CTR-002
    SensitiveMount,      // CTR-012, with the host path
    HostPid,             // CTR-005
    HostIpc,             // CTR-006
    HostNetwork,         // NET-001
    DangerousCapability, // CTR-003, with the capability
    EnvSecret            // SEC-001, with the variable's name (never its value)
};

// One badge on a node: the kind, the finding's severity and what it is about ("/etc", "SYS_ADMIN", "DB_PASSWORD").
struct ExposureBadge
{
    ExposureBadgeKind kind = ExposureBadgeKind::Privileged;
    Severity severity = Severity::Info;
    std::string detail;

    bool operator==(const ExposureBadge&) const = default;
};
// "Docker API reachable", "privileged", "host path /etc", "env secret DB_PASSWORD", …
std::string badgeText(const ExposureBadge& badge);

// "critical", "high", …, "no open findings": the word that goes with a severity's colour (never colour alone).
std::string severityWord(const std::optional<Severity>& severity);

// One published port as the map shows it: "0.0.0.0:8080→80/tcp".
struct ExposurePort
{
    std::string text;
    bool exposed = false; // bound on a non-loopback address: reachable from the network
};

// One node of the map. Worst severity counts open findings only, as every summary does.
struct ExposureNode
{
    std::string id; // unique in the graph: "host", "net:<id>", "ctr:<id>", "project:<name>"
    ExposureNodeKind kind = ExposureNodeKind::Container;
    std::string label;    // container or network name, project name, "Docker 24.0.7"
    std::string subtitle; // image, driver, endpoint, "5 containers"
    std::string objectName; // for a container: the name the Findings page shows it under
    std::string project;    // com.docker.compose.project of a container; "" otherwise
    std::optional<Severity> worst; // nullopt: no open finding
    std::vector<ExposureBadge> badges;
    std::vector<ExposurePort> ports;
    bool reachable = false; // reachable from outside the host (published on a non-loopback address, host network)
    bool internal = false;  // a network without outside access (--internal)
    int members = 0;        // containers a compose box holds
};

// Why two nodes are joined.
enum class ExposureEdgeKind
{
    Membership,    // a network (or the host network) and a container attached to it
    ExposedPort,   // the host publishes a container port on a non-loopback address: red
    LoopbackPort,  // the host publishes a container port on loopback only: grey
    HostAttached,  // the host and a network, or the host and its host network
    SharedNetwork  // --network container:<other>
};

// One edge, by node index.
struct ExposureEdge
{
    std::size_t from = 0;
    std::size_t to = 0;
    ExposureEdgeKind kind = ExposureEdgeKind::Membership;
};

// The endpoint as a graph for the exposure map: the host, its networks and containers, with what matters to
// an attacker as edges and badges. A plain value, built once per scan and then filtered or grouped.
struct ExposureGraph
{
    std::vector<ExposureNode> nodes; // nodes[0] is the host
    std::vector<ExposureEdge> edges;

    std::optional<std::size_t> find(const std::string& id) const;
    std::size_t containerCount() const;
};

// The whole endpoint, one node per container (no grouping). Findings give the badges and severities; the
// inventory gives the shape.
ExposureGraph buildExposureGraph(const Inventory& inventory, const FindingSet& findings);

// How the map is looked at: which compose projects are open, and whether only what is reachable from outside
// is shown.
struct ExposureView
{
    // A project with more than one container shown is one box unless it is named here (the map stays
    // readable at hundreds of containers); a project of one container is always shown as that container.
    std::set<std::string> expandedProjects;
    bool onlyReachable = false;
};

// The graph as the view shows it: containers not reachable from outside dropped (with the networks left
// without members) when asked, then each collapsed project's containers replaced by one box carrying their
// worst severity, badges and ports, its edges merged.
ExposureGraph viewExposureGraph(const ExposureGraph& full, const ExposureView& view);

// True when the container can be reached from outside the host: a port published on an address other than
// loopback, or the host's network stack.
bool reachableFromOutside(const Inventory& inventory, const Container& container);

} // namespace drydock
