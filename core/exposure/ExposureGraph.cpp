#include "core/exposure/ExposureGraph.h"

#include "core/common/Strings.h"
#include "core/rules/network/PublishedPorts.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace drydock {

namespace {

constexpr const char* kComposeProjectLabel = "com.docker.compose.project";

// The rules whose findings become badges: the one table of which finding shows as what.
struct BadgeRule
{
    const char* ruleId;
    ExposureBadgeKind kind;
};
constexpr BadgeRule kBadgeRules[] = {
    {"CTR-013", ExposureBadgeKind::RuntimeApi},     {"CTR-002", ExposureBadgeKind::Privileged},
    {"CTR-012", ExposureBadgeKind::SensitiveMount}, {"CTR-005", ExposureBadgeKind::HostPid},
    {"CTR-006", ExposureBadgeKind::HostIpc},        {"NET-001", ExposureBadgeKind::HostNetwork},
    {"CTR-003", ExposureBadgeKind::DangerousCapability}, {"SEC-001", ExposureBadgeKind::EnvSecret},
};

std::optional<ExposureBadgeKind> badgeKindOf(const std::string& ruleId)
{
    for (const auto& r : kBadgeRules) {
        if (ruleId == r.ruleId) {
            return r.kind;
        }
    }
    return std::nullopt;
}

bool isLoopbackAddress(std::string_view address)
{
    return startsWith(address, "127.") || address == "::1" || address == "[::1]" || address == "localhost";
}

void raise(std::optional<Severity>& worst, Severity s)
{
    if (!worst || s > *worst) {
        worst = s;
    }
}

// The host path behind a CTR-012 finding (its discriminator is the mount's destination): the badge names what
// of the host is exposed, not where it appears inside.
std::string hostPathOf(const Container& c, const std::string& destination)
{
    for (const auto& m : c.mounts) {
        if (m.destination == destination && !m.source.empty()) {
            return m.source;
        }
    }
    return destination;
}

std::string portText(const std::string& address, const PublishedPort& port)
{
    const std::string host = contains(address, ":") && !startsWith(address, "[") ? "[" + address + "]" : address;
    return host + ":" + (port.hostPort.empty() ? "random" : port.hostPort) + "\u2192" + port.containerPort;
}

void sortBadges(std::vector<ExposureBadge>& badges)
{
    std::stable_sort(badges.begin(), badges.end(), [](const ExposureBadge& a, const ExposureBadge& b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        if (a.kind != b.kind) {
            return a.kind < b.kind;
        }
        return a.detail < b.detail;
    });
    badges.erase(std::unique(badges.begin(), badges.end()), badges.end());
}

} // namespace

std::string severityWord(const std::optional<Severity>& severity)
{
    return severity ? toString(*severity) : "no open findings";
}

std::string badgeText(const ExposureBadge& badge)
{
    switch (badge.kind) {
    case ExposureBadgeKind::RuntimeApi:
        return badge.detail == "env:DOCKER_HOST" ? "Docker API via DOCKER_HOST" : "Docker API reachable";
    case ExposureBadgeKind::Privileged:
        return "privileged";
    case ExposureBadgeKind::SensitiveMount:
        return "host path " + badge.detail;
    case ExposureBadgeKind::HostPid:
        return "host PID namespace";
    case ExposureBadgeKind::HostIpc:
        return "host IPC namespace";
    case ExposureBadgeKind::HostNetwork:
        return "host network";
    case ExposureBadgeKind::DangerousCapability:
        return "capability " + badge.detail;
    case ExposureBadgeKind::EnvSecret:
        return "secret in env " + badge.detail;
    }
    return badge.detail;
}

std::optional<std::size_t> ExposureGraph::find(const std::string& id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t ExposureGraph::containerCount() const
{
    std::size_t n = 0;
    for (const auto& node : nodes) {
        n += node.kind == ExposureNodeKind::Container ? 1 : static_cast<std::size_t>(node.members);
    }
    return n;
}

bool reachableFromOutside(const Inventory& inventory, const Container& container)
{
    if (container.hostConfig.networkMode == "host") {
        return true;
    }
    for (const auto& port : publishedPorts(inventory, container)) {
        for (const auto& address : port.addresses) {
            if (!isLoopbackAddress(address)) {
                return true;
            }
        }
    }
    return false;
}

ExposureGraph buildExposureGraph(const Inventory& inventory, const FindingSet& findings)
{
    ExposureGraph g;
    ExposureNode host;
    host.id = "host";
    host.kind = ExposureNodeKind::Host;
    host.label = inventory.engineName + (inventory.engineVersion.empty() ? "" : " " + inventory.engineVersion) + " host";
    host.subtitle = inventory.endpoint;
    g.nodes.push_back(std::move(host));

    // Open findings by object: severities and badges. Waived findings are accepted risks: they do not colour
    // the map (as they do not count in any summary).
    std::unordered_map<std::string, std::vector<const Finding*>> byObject;
    for (const auto& f : findings.all()) {
        if (f.waiver) {
            continue;
        }
        if (f.object.type == ObjectType::Daemon) {
            raise(g.nodes[0].worst, f.severity);
        } else {
            byObject[f.object.id].push_back(&f);
        }
    }

    std::map<std::string, std::size_t> networkIndex; // by network id and by name
    const auto networkNode = [&](const std::string& id, const std::string& name) -> std::size_t {
        const std::string key = id.empty() ? name : id;
        if (auto it = networkIndex.find(key); it != networkIndex.end()) {
            return it->second;
        }
        if (auto it = networkIndex.find(name); it != networkIndex.end()) {
            return it->second;
        }
        ExposureNode n;
        const Network* known = nullptr;
        for (const auto& net : inventory.networks) {
            if ((!id.empty() && net.id == id) || net.name == name) {
                known = &net;
                break;
            }
        }
        const bool hostNet = name == "host" || (known && known->driver == "host");
        n.kind = hostNet ? ExposureNodeKind::HostNetwork : ExposureNodeKind::Network;
        n.id = hostNet ? "net:host" : "net:" + (known ? known->id : key);
        n.label = hostNet ? "host network" : name;
        n.reachable = hostNet;
        if (known) {
            n.subtitle = known->driver + (known->internal ? ", internal" : "");
            n.internal = known->internal;
            for (const Finding* f : byObject[known->id]) {
                raise(n.worst, f->severity);
            }
        }
        if (hostNet) {
            n.subtitle = "the host's own interfaces";
        }
        g.nodes.push_back(std::move(n));
        const std::size_t index = g.nodes.size() - 1;
        g.edges.push_back({0, index, ExposureEdgeKind::HostAttached});
        networkIndex[key] = index;
        networkIndex[name] = index;
        if (known) {
            networkIndex[known->id] = index;
        }
        return index;
    };

    std::unordered_map<std::string, std::size_t> containerIndex;
    for (const auto& c : inventory.containers) {
        ExposureNode n;
        n.id = "ctr:" + c.id;
        n.kind = ExposureNodeKind::Container;
        n.label = c.name;
        n.objectName = c.name;
        n.subtitle = c.config.image + (c.state.running ? "" : " (" + (c.state.status.empty() ? "stopped" : c.state.status) + ")");
        if (auto it = c.config.labels.find(kComposeProjectLabel); it != c.config.labels.end()) {
            n.project = it->second;
        }
        for (const Finding* f : byObject[c.id]) {
            raise(n.worst, f->severity);
            const auto kind = badgeKindOf(f->ruleId);
            if (!kind) {
                continue;
            }
            std::string detail = f->discriminator;
            if (*kind == ExposureBadgeKind::SensitiveMount) {
                detail = hostPathOf(c, f->discriminator);
            }
            n.badges.push_back({*kind, f->severity, std::move(detail)});
        }
        sortBadges(n.badges);
        for (const auto& port : publishedPorts(inventory, c)) {
            for (const auto& address : port.addresses) {
                n.ports.push_back({portText(address, port), !isLoopbackAddress(address)});
            }
        }
        n.reachable = reachableFromOutside(inventory, c);
        g.nodes.push_back(std::move(n));
        containerIndex[c.id] = g.nodes.size() - 1;
    }

    for (const auto& c : inventory.containers) {
        const std::size_t self = containerIndex[c.id];
        const std::string& mode = c.hostConfig.networkMode;
        if (mode == "host") {
            g.edges.push_back({networkNode("", "host"), self, ExposureEdgeKind::Membership});
        } else if (startsWith(mode, "container:")) {
            const std::string other = mode.substr(10);
            for (const auto& o : inventory.containers) {
                if (o.id == other || o.name == other || startsWith(o.id, other)) {
                    g.edges.push_back({containerIndex[o.id], self, ExposureEdgeKind::SharedNetwork});
                    break;
                }
            }
        } else {
            for (const auto& e : c.networks) {
                if (e.networkName == "none") {
                    continue;
                }
                g.edges.push_back({networkNode(e.networkId, e.networkName), self, ExposureEdgeKind::Membership});
            }
        }
        const ExposureNode& node = g.nodes[self];
        bool exposed = false;
        bool loopback = false;
        for (const auto& p : node.ports) {
            (p.exposed ? exposed : loopback) = true;
        }
        if (exposed) {
            g.edges.push_back({0, self, ExposureEdgeKind::ExposedPort});
        }
        if (loopback) {
            g.edges.push_back({0, self, ExposureEdgeKind::LoopbackPort});
        }
    }
    return g;
}

ExposureGraph viewExposureGraph(const ExposureGraph& full, const ExposureView& view)
{
    // 1. Which nodes stay: with the filter, the host, reachable containers and the networks that still have a
    //    member among them.
    std::vector<bool> keep(full.nodes.size(), true);
    if (view.onlyReachable) {
        for (std::size_t i = 0; i < full.nodes.size(); ++i) {
            const auto kind = full.nodes[i].kind;
            keep[i] = kind == ExposureNodeKind::Host || (kind == ExposureNodeKind::Container && full.nodes[i].reachable);
        }
        for (const auto& e : full.edges) {
            if (e.kind == ExposureEdgeKind::Membership && keep[e.to]) {
                keep[e.from] = true;
            }
        }
    }

    // 2. Which projects are one box: more than one container kept, and not opened.
    std::map<std::string, int> projectSize;
    for (std::size_t i = 0; i < full.nodes.size(); ++i) {
        if (keep[i] && full.nodes[i].kind == ExposureNodeKind::Container && !full.nodes[i].project.empty()) {
            ++projectSize[full.nodes[i].project];
        }
    }
    const auto collapsed = [&](const ExposureNode& n) {
        return n.kind == ExposureNodeKind::Container && !n.project.empty() && projectSize[n.project] > 1 &&
               !view.expandedProjects.count(n.project);
    };

    ExposureGraph out;
    std::vector<std::size_t> mapped(full.nodes.size(), SIZE_MAX);
    std::map<std::string, std::size_t> boxes;
    for (std::size_t i = 0; i < full.nodes.size(); ++i) {
        if (!keep[i]) {
            continue;
        }
        const ExposureNode& n = full.nodes[i];
        if (!collapsed(n)) {
            out.nodes.push_back(n);
            mapped[i] = out.nodes.size() - 1;
            continue;
        }
        auto [it, inserted] = boxes.try_emplace(n.project, out.nodes.size());
        if (inserted) {
            ExposureNode box;
            box.id = "project:" + n.project;
            box.kind = ExposureNodeKind::ComposeProject;
            box.label = n.project;
            box.project = n.project;
            out.nodes.push_back(std::move(box));
        }
        ExposureNode& box = out.nodes[it->second];
        ++box.members;
        box.subtitle = "compose project, " + std::to_string(box.members) + " containers";
        if (n.worst) {
            raise(box.worst, *n.worst);
        }
        box.badges.insert(box.badges.end(), n.badges.begin(), n.badges.end());
        box.ports.insert(box.ports.end(), n.ports.begin(), n.ports.end());
        box.reachable = box.reachable || n.reachable;
        mapped[i] = it->second;
    }
    for (const auto& [name, index] : boxes) {
        sortBadges(out.nodes[index].badges);
    }

    // 3. Edges between what stays, once each (a box's members share their networks and ports).
    std::set<std::tuple<std::size_t, std::size_t, ExposureEdgeKind>> seen;
    for (const auto& e : full.edges) {
        if (mapped[e.from] == SIZE_MAX || mapped[e.to] == SIZE_MAX || mapped[e.from] == mapped[e.to]) {
            continue;
        }
        if (seen.insert({mapped[e.from], mapped[e.to], e.kind}).second) {
            out.edges.push_back({mapped[e.from], mapped[e.to], e.kind});
        }
    }
    return out;
}

} // namespace drydock
