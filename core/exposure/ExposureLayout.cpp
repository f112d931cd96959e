#include "core/exposure/ExposureLayout.h"

#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>

namespace drydock {

namespace {

constexpr std::size_t kMaxBadgeLines = 4;
constexpr std::size_t kMaxPortLines = 2;
constexpr std::size_t kMaxLineChars = 40;
constexpr double kMinBoxWidth = 120;

// Graphviz keeps global state (its context, symbol tables, the error stream): one layout at a time.
std::mutex& graphvizMutex()
{
    static std::mutex m;
    return m;
}

// Long names and paths are cut in the middle so both ends stay readable ("/var/lib/…/secrets").
std::string shorten(std::string text)
{
    if (text.size() <= kMaxLineChars) {
        return text;
    }
    std::size_t head = kMaxLineChars / 2 - 1;
    std::size_t tail = text.size() - (kMaxLineChars - head - 1);
    // Never cut inside a UTF-8 sequence.
    while (head > 0 && (static_cast<unsigned char>(text[head]) & 0xC0) == 0x80) {
        --head;
    }
    while (tail < text.size() && (static_cast<unsigned char>(text[tail]) & 0xC0) == 0x80) {
        ++tail;
    }
    return text.substr(0, head) + "\u2026" + text.substr(tail);
}

std::size_t visibleChars(const std::string& text)
{
    std::size_t n = 0;
    for (unsigned char ch : text) {
        n += (ch & 0xC0) != 0x80;
    }
    return n;
}

void setAttr(void* object, const char* name, const std::string& value)
{
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

std::string inches(double units)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", units / 72.0);
    return buffer;
}

// The Graphviz context, created once: creating one reads the plugin configuration each time.
GVC_t* context()
{
    static GVC_t* gvc = gvContext();
    return gvc;
}

} // namespace

std::vector<BoxLine> boxLines(const ExposureNode& node)
{
    std::vector<BoxLine> lines;
    lines.push_back({BoxLine::Role::Title, shorten(node.label), Severity::Info});
    // The worst severity as a word next to its colour: never colour alone.
    std::string subtitle = shorten(node.subtitle);
    if (node.kind != ExposureNodeKind::Network && node.kind != ExposureNodeKind::HostNetwork) {
        subtitle += (subtitle.empty() ? "" : " \u00b7 ") + severityWord(node.worst);
    }
    if (!subtitle.empty()) {
        lines.push_back({BoxLine::Role::Subtitle, subtitle, Severity::Info});
    }
    // Exposed ports first: they are what the map is about.
    std::vector<const ExposurePort*> ports;
    for (const auto& p : node.ports) {
        if (p.exposed) {
            ports.push_back(&p);
        }
    }
    for (const auto& p : node.ports) {
        if (!p.exposed) {
            ports.push_back(&p);
        }
    }
    for (std::size_t i = 0; i < ports.size() && i < kMaxPortLines; ++i) {
        lines.push_back({ports[i]->exposed ? BoxLine::Role::ExposedPort : BoxLine::Role::LoopbackPort,
                         (ports[i]->exposed ? "open " : "local ") + shorten(ports[i]->text), Severity::Info});
    }
    if (ports.size() > kMaxPortLines) {
        lines.push_back({BoxLine::Role::More,
                         "+" + std::to_string(ports.size() - kMaxPortLines) + " more ports", Severity::Info});
    }
    for (std::size_t i = 0; i < node.badges.size() && i < kMaxBadgeLines; ++i) {
        lines.push_back({BoxLine::Role::Badge, shorten(badgeText(node.badges[i])), node.badges[i].severity});
    }
    if (node.badges.size() > kMaxBadgeLines) {
        lines.push_back({BoxLine::Role::More,
                         "+" + std::to_string(node.badges.size() - kMaxBadgeLines) + " more",
                         Severity::Info});
    }
    return lines;
}

double boxLineHeight(const BoxLine& line)
{
    return line.role == BoxLine::Role::Title ? kTitleHeight : kLineHeight;
}

double estimatedTextWidth(const BoxLine& line)
{
    // DejaVu Sans: about 0.62 em a character; titles are 13 px bold, other lines 11 px; badges have a marker.
    const double perChar = line.role == BoxLine::Role::Title ? 8.6 : 6.9;
    const double marker = line.role == BoxLine::Role::Badge ? 14 : 0;
    return marker + perChar * static_cast<double>(visibleChars(line.text));
}

Result<ExposureLayout> layoutExposure(const ExposureGraph& graph)
{
    ExposureLayout out;
    if (graph.nodes.empty()) {
        return out;
    }
    std::vector<MapBox> sizes(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        double w = kMinBoxWidth;
        double h = 2 * kBoxPadding;
        for (const auto& line : boxLines(graph.nodes[i])) {
            w = std::max(w, estimatedTextWidth(line) + 2 * kBoxPadding);
            h += boxLineHeight(line);
        }
        sizes[i] = {0, 0, std::ceil(w), std::ceil(h)};
    }

    // The leaves (containers and project boxes) are stacked in rows under their first parent (Graphviz's
    // unflatten idea): every group gets about the same number of rows, chosen so the whole block has a
    // screen's shape instead of one row of hundreds of boxes. A leaf below the first row hangs from the leaf
    // above it by an invisible one-rank edge; its real edges do not constrain the ranks. So no edge spans
    // many ranks (each rank an edge crosses costs Graphviz a virtual node: thousands of them made 2,000
    // containers take 30 s).
    std::vector<std::size_t> firstParent(graph.nodes.size(), SIZE_MAX);
    for (const auto& e : graph.edges) {
        if ((e.kind == ExposureEdgeKind::Membership || e.kind == ExposureEdgeKind::HostAttached) &&
            firstParent[e.to] == SIZE_MAX) {
            firstParent[e.to] = e.from;
        }
    }
    // An expanded project (more than one of its containers shown) is framed: its containers form blocks of
    // their own, so a frame never takes in another project's boxes.
    std::map<std::string, std::size_t> projectSize;
    for (const auto& n : graph.nodes) {
        if (n.kind == ExposureNodeKind::Container && !n.project.empty()) {
            ++projectSize[n.project];
        }
    }
    const auto framedProject = [&](std::size_t i) -> std::string {
        const ExposureNode& n = graph.nodes[i];
        return n.kind == ExposureNodeKind::Container && projectSize[n.project] > 1 ? n.project
                                                                                   : std::string();
    };
    std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>>
        groups; // (parent, frame) -> leaves
    std::size_t looseLeaves = 0;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const auto kind = graph.nodes[i].kind;
        if (kind == ExposureNodeKind::Container || kind == ExposureNodeKind::ComposeProject) {
            const std::string frame = framedProject(i);
            groups[{firstParent[i], frame}].push_back(i);
            looseLeaves += frame.empty() ? 1 : 0;
        }
    }
    constexpr std::size_t kOneRowUpTo = 6;
    // Boxes are about 300 wide and 120 apart in height: rows = sqrt(1.6 * n) gives a 1.6:1 block.
    const auto rowsFor = [](std::size_t n) {
        return std::max<std::size_t>(
            1, static_cast<std::size_t>(std::lround(std::sqrt(1.6 * static_cast<double>(n)))));
    };
    const std::size_t rows = rowsFor(looseLeaves);
    std::vector<std::size_t> above(graph.nodes.size(), SIZE_MAX); // the leaf a leaf hangs from
    for (auto& [key, members] : groups) {
        std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return graph.nodes[a].project < graph.nodes[b].project;
        });
        const std::size_t groupRows = key.second.empty() ? rows : rowsFor(members.size() / 4 + 1);
        // A group of a few boxes stays one row: stacked, the lower boxes' edges to their network ran straight
        // through the boxes above them and read as links between containers.
        const std::size_t perRow = std::max((members.size() + groupRows - 1) / groupRows,
                                            std::min<std::size_t>(members.size(), kOneRowUpTo));
        for (std::size_t k = perRow; k < members.size(); ++k) {
            above[members[k]] = members[k - perRow];
        }
    }

    std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t* gvc = context();
    Agraph_t* g = agopen(const_cast<char*>("exposure"), Agdirected, nullptr);
    setAttr(g, "rankdir", "TB");
    setAttr(g, "nodesep", "0.3");
    setAttr(g, "ranksep", "0.55");
    setAttr(g, "newrank", "true");
    // Above a few hundred boxes the crossing search and spline routing cost seconds and change little of what
    // a reader sees in a block of rows: fewer crossing passes and straight edges keep 2,000 containers < 1 s.
    // Measured with bench_exposure_layout: at 2,000 boxes the network-simplex passes (nslimit, nslimit1) and
    // the crossing search took most of 1.6 s; one pass each keeps the block shape and takes about 0.5 s.
    if (graph.nodes.size() > 300) {
        setAttr(g, "mclimit", "0.01");
        setAttr(g, "remincross", "false");
        setAttr(g, "searchsize", "10");
        setAttr(g, "nslimit", "1");
        setAttr(g, "nslimit1", "1");
        setAttr(g, "splines", "line");
    }
    agattr(g, AGNODE, const_cast<char*>("shape"), const_cast<char*>("box"));
    agattr(g, AGNODE, const_cast<char*>("fixedsize"), const_cast<char*>("true"));
    agattr(g, AGNODE, const_cast<char*>("label"), const_cast<char*>(""));
    agattr(g, AGNODE, const_cast<char*>("width"), const_cast<char*>("1"));
    agattr(g, AGNODE, const_cast<char*>("height"), const_cast<char*>("0.5"));
    Agsym_t* widthSym = agattr(g, AGNODE, const_cast<char*>("width"), nullptr);
    Agsym_t* heightSym = agattr(g, AGNODE, const_cast<char*>("height"), nullptr);
    agattr(g, AGEDGE, const_cast<char*>("dir"), const_cast<char*>("none"));
    agattr(g, AGEDGE, const_cast<char*>("minlen"), const_cast<char*>("1"));
    agattr(g, AGEDGE, const_cast<char*>("constraint"), const_cast<char*>("true"));
    agattr(g, AGEDGE, const_cast<char*>("style"), const_cast<char*>("solid"));
    Agsym_t* minlenSym = agattr(g, AGEDGE, const_cast<char*>("minlen"), nullptr);

    // Expanded projects (more than one container of a project shown) get a frame: a Graphviz cluster. Its
    // label is a placeholder of the name's length, so no text from the daemon reaches Graphviz's parsers.
    std::map<std::string, std::vector<std::size_t>> projectMembers;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        if (!framedProject(i).empty()) {
            projectMembers[graph.nodes[i].project].push_back(i);
        }
    }
    std::vector<std::pair<std::string, Agraph_t*>> clusters;
    std::vector<Agraph_t*> parentGraph(graph.nodes.size(), g);
    for (const auto& [project, members] : projectMembers) {
        if (members.size() < 2) {
            continue;
        }
        const std::string name = "cluster_" + std::to_string(clusters.size());
        Agraph_t* sub = agsubg(g, const_cast<char*>(name.c_str()), 1);
        setAttr(sub, "label", std::string(std::min<std::size_t>(visibleChars(project), kMaxLineChars), 'x'));
        setAttr(sub, "labeljust", "l");
        setAttr(sub, "margin", "12");
        clusters.emplace_back(project, sub);
        for (std::size_t m : members) {
            parentGraph[m] = sub;
        }
    }

    std::vector<Agnode_t*> nodes(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const std::string name = "n" + std::to_string(i);
        nodes[i] = agnode(parentGraph[i], const_cast<char*>(name.c_str()), 1);
        agxset(nodes[i], widthSym, const_cast<char*>(inches(sizes[i].width).c_str()));
        agxset(nodes[i], heightSym, const_cast<char*>(inches(sizes[i].height).c_str()));
    }
    // Graphviz gets the structure only: host -> network -> the first row of its leaves, and the invisible
    // column edges. Ports, lower rows' memberships and shared networks are drawn from the boxes' places
    // (below): given to Graphviz, each would thread virtual nodes through every rank it crosses, pushing the
    // columns apart and costing seconds at 2,000 containers.
    std::vector<Agedge_t*> edges(graph.edges.size(), nullptr);
    std::vector<bool> placed(graph.nodes.size(), false); // has a ranking edge from above
    for (std::size_t k = 0; k < graph.edges.size(); ++k) {
        const auto& e = graph.edges[k];
        const bool structural = (e.kind == ExposureEdgeKind::HostAttached ||
                                 (e.kind == ExposureEdgeKind::Membership && firstParent[e.to] == e.from)) &&
                                above[e.to] == SIZE_MAX && !placed[e.to];
        if (structural) {
            const std::string name = "e" + std::to_string(k);
            edges[k] = agedge(g, nodes[e.from], nodes[e.to], const_cast<char*>(name.c_str()), 1);
            placed[e.to] = true;
        }
    }
    for (std::size_t i = 1; i < graph.nodes.size(); ++i) {
        if (above[i] != SIZE_MAX) {
            Agedge_t* e =
                agedge(g, nodes[above[i]], nodes[i], const_cast<char*>(("a" + std::to_string(i)).c_str()), 1);
            setAttr(e, "style", "invis");
            setAttr(e, "weight", "4"); // keeps the column straight
        } else if (!placed[i]) {
            // On no network (or only reached through ports): directly below the host.
            Agedge_t* e =
                agedge(g, nodes[0], nodes[i], const_cast<char*>(("p" + std::to_string(i)).c_str()), 1);
            setAttr(e, "style", "invis");
            agxset(e, minlenSym, const_cast<char*>("2"));
        }
    }

    if (gvLayout(gvc, g, "dot") != 0) {
        agclose(g);
        return Error::make(ErrorCode::Internal,
                           "Graphviz could not lay out the exposure map (is the libgvc6 package's dot layout "
                           "plugin installed?) — reinstall libgvc6 and open the map again.");
    }
    const boxf bb = GD_bb(g);
    const auto at = [&](pointf p) { return MapPoint{p.x - bb.LL.x, bb.UR.y - p.y}; };
    out.width = bb.UR.x - bb.LL.x;
    out.height = bb.UR.y - bb.LL.y;
    out.nodes.resize(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const MapPoint c = at(ND_coord(nodes[i]));
        out.nodes[i] = {c.x - sizes[i].width / 2, c.y - sizes[i].height / 2, sizes[i].width, sizes[i].height};
    }
    out.edges.resize(graph.edges.size());
    const auto bottom = [&](std::size_t i, double share) {
        const MapBox& b = out.nodes[i];
        return MapPoint{b.x + b.width * share, b.y + b.height};
    };
    const auto top = [&](std::size_t i, double share) {
        const MapBox& b = out.nodes[i];
        return MapPoint{b.x + b.width * share, b.y};
    };
    for (std::size_t k = 0; k < graph.edges.size(); ++k) {
        const auto& e = graph.edges[k];
        std::vector<MapPoint>& points = out.edges[k];
        const splines* spl = edges[k] ? ED_spl(edges[k]) : nullptr;
        if (spl && spl->size > 0 && spl->list[0].size >= 4) {
            for (std::size_t p = 0; p < static_cast<std::size_t>(spl->list[0].size); ++p) {
                points.push_back(at(spl->list[0].list[p]));
            }
            continue;
        }
        if (e.kind == ExposureEdgeKind::Membership && firstParent[e.to] == e.from &&
            above[e.to] != SIZE_MAX) {
            // A lower row: joined to the box above it in its column, which hangs from the same network.
            const MapPoint p0 = bottom(above[e.to], 0.5);
            const MapPoint p1 = top(e.to, 0.5);
            points = {p0, p0, p1, p1};
            continue;
        }
        // Ports leave the host's bottom and enter the box's top right (red: exposed, grey: loopback), so they
        // do not sit on the column's line; other edges join the boxes' middles. An S-curve, vertical at both
        // ends.
        const bool port = e.kind == ExposureEdgeKind::ExposedPort || e.kind == ExposureEdgeKind::LoopbackPort;
        const double share = e.kind == ExposureEdgeKind::LoopbackPort ? 0.85 : (port ? 0.75 : 0.5);
        const MapPoint p0 = bottom(e.from, 0.5);
        const MapPoint p1 = top(e.to, share);
        const double dy = std::max(20.0, (p1.y - p0.y) / 2);
        points = {p0, {p0.x, p0.y + dy}, {p1.x, p1.y - dy}, p1};
    }
    for (const auto& [project, sub] : clusters) {
        const boxf cb = GD_bb(sub);
        const MapPoint tl = at({cb.LL.x, cb.UR.y});
        out.clusters.push_back({project, {tl.x, tl.y, cb.UR.x - cb.LL.x, cb.UR.y - cb.LL.y}});
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

} // namespace drydock
