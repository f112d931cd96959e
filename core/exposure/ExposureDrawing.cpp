#include "core/exposure/ExposureDrawing.h"

#include <algorithm>

namespace drydock {

namespace {

constexpr double kMargin = 16;
constexpr double kLegendHeight = 44;

DrawItem rect(double x, double y, double w, double h, MapColour fill, MapColour stroke, double strokeWidth)
{
    DrawItem item;
    item.kind = DrawItem::Kind::Rect;
    item.x = x;
    item.y = y;
    item.width = w;
    item.height = h;
    item.fill = std::move(fill);
    item.stroke = std::move(stroke);
    item.strokeWidth = strokeWidth;
    return item;
}

DrawItem text(double x, double y, std::string content, MapColour colour, double size, bool bold = false)
{
    DrawItem item;
    item.kind = DrawItem::Kind::Text;
    item.x = x;
    item.y = y;
    item.text = std::move(content);
    item.fill = std::move(colour);
    item.fontSize = size;
    item.bold = bold;
    return item;
}

DrawItem line(std::vector<MapPoint> points, MapColour colour, double width, bool dashed)
{
    DrawItem item;
    item.kind = DrawItem::Kind::Path;
    item.points = std::move(points);
    item.stroke = std::move(colour);
    item.strokeWidth = width;
    item.dashed = dashed;
    return item;
}

DrawItem marker(double x, double y, double r, MapColour colour)
{
    DrawItem item;
    item.kind = DrawItem::Kind::Marker;
    item.x = x;
    item.y = y;
    item.radius = r;
    item.fill = std::move(colour);
    return item;
}

const MapColour& severityColourOf(const ExposurePalette& palette, const std::optional<Severity>& s)
{
    return s ? palette.severity[static_cast<std::size_t>(*s)] : palette.noFindings;
}

MapColour fillOf(const ExposurePalette& palette, ExposureNodeKind kind)
{
    switch (kind) {
    case ExposureNodeKind::Host:
        return palette.hostFill;
    case ExposureNodeKind::Network:
    case ExposureNodeKind::HostNetwork:
        return palette.networkFill;
    case ExposureNodeKind::ComposeProject:
        return palette.clusterFill;
    case ExposureNodeKind::Container:
        break;
    }
    return palette.boxFill;
}

void drawLegend(ExposureDrawing& d, const ExposurePalette& palette, double top)
{
    double x = kMargin;
    const double y = top + 14;
    d.items.push_back(line({{x, y - 4}, {x + 10, y - 4}, {x + 20, y - 4}, {x + 30, y - 4}}, palette.exposed, 2.5, false));
    d.items.push_back(text(x + 36, y, "published on a network address (reachable from outside)", palette.text, 11));
    x += 36 + 330;
    d.items.push_back(line({{x, y - 4}, {x + 10, y - 4}, {x + 20, y - 4}, {x + 30, y - 4}}, palette.loopback, 1.5, true));
    d.items.push_back(text(x + 36, y, "published on loopback only", palette.text, 11));
    x = kMargin;
    const double y2 = y + 20;
    d.items.push_back(text(x, y2, "worst open finding:", palette.mutedText, 11));
    x += 112;
    for (int s = severityCount - 1; s >= 0; --s) {
        const auto severity = static_cast<Severity>(s);
        d.items.push_back(marker(x + 5, y2 - 4, 5, palette.severity[static_cast<std::size_t>(s)]));
        d.items.push_back(text(x + 14, y2, toString(severity), palette.text, 11));
        x += 14 + 7.0 * static_cast<double>(std::string(toString(severity)).size()) + 14;
    }
}

} // namespace

std::string severitySymbol(const std::optional<Severity>& severity)
{
    if (!severity) {
        return "\u2713"; // ✓
    }
    switch (*severity) {
    case Severity::Critical:
        return "\u2716"; // ✖
    case Severity::High:
        return "\u25b2"; // ▲
    case Severity::Medium:
        return "\u25c6"; // ◆
    case Severity::Low:
        return "\u25cf"; // ●
    case Severity::Info:
        break;
    }
    return "\u25cb"; // ○
}

std::string nodeTooltip(const ExposureNode& node)
{
    std::string tip = node.label + " \u2014 " + severitySymbol(node.worst) + " " + severityWord(node.worst);
    if (!node.subtitle.empty()) {
        tip += "\n" + node.subtitle;
    }
    for (const auto& p : node.ports) {
        tip += std::string("\n") + (p.exposed ? "open to the network: " : "loopback only: ") + p.text;
    }
    for (const auto& b : node.badges) {
        tip += "\n" + std::string(toString(b.severity)) + ": " + badgeText(b);
    }
    if (node.kind == ExposureNodeKind::ComposeProject) {
        tip += "\nDouble-click to show its containers";
    } else if (node.kind == ExposureNodeKind::Container) {
        tip += "\nClick to open its findings";
    }
    return tip;
}

ExposureDrawing drawExposure(const ExposureGraph& graph, const ExposureLayout& layout, const ExposurePalette& palette)
{
    ExposureDrawing d;
    d.width = layout.width + 2 * kMargin;
    d.width = std::max(d.width, 620.0);
    d.height = layout.height + 2 * kMargin + kLegendHeight;
    d.background = palette.background;
    const auto shift = [](MapPoint p) { return MapPoint{p.x + kMargin, p.y + kMargin}; };

    for (const auto& c : layout.clusters) {
        DrawItem frame = rect(c.box.x + kMargin, c.box.y + kMargin, c.box.width, c.box.height, palette.clusterFill,
                              palette.mutedText, 1);
        frame.dashed = true;
        frame.radius = 6;
        frame.project = c.project;
        frame.tooltip = "compose project " + c.project + "\nDouble-click to collapse it into one box";
        d.items.push_back(std::move(frame));
        DrawItem label = text(c.box.x + kMargin + 8, c.box.y + kMargin + 16, c.project, palette.mutedText, 12, true);
        label.project = c.project;
        d.items.push_back(std::move(label));
    }

    for (std::size_t k = 0; k < graph.edges.size() && k < layout.edges.size(); ++k) {
        std::vector<MapPoint> points;
        for (const auto& p : layout.edges[k]) {
            points.push_back(shift(p));
        }
        const auto& e = graph.edges[k];
        switch (e.kind) {
        case ExposureEdgeKind::ExposedPort:
            d.items.push_back(line(std::move(points), palette.exposed, 2.5, false));
            break;
        case ExposureEdgeKind::LoopbackPort:
            d.items.push_back(line(std::move(points), palette.loopback, 1.5, true));
            break;
        case ExposureEdgeKind::HostAttached:
            d.items.push_back(line(std::move(points), graph.nodes[e.to].kind == ExposureNodeKind::HostNetwork
                                                          ? palette.exposed
                                                          : palette.line,
                                   graph.nodes[e.to].kind == ExposureNodeKind::HostNetwork ? 2.5 : 1,
                                   graph.nodes[e.to].internal));
            break;
        case ExposureEdgeKind::Membership:
            d.items.push_back(line(std::move(points), palette.line, 1, false));
            break;
        case ExposureEdgeKind::SharedNetwork:
            d.items.push_back(line(std::move(points), palette.line, 1, true));
            break;
        }
    }

    for (std::size_t i = 0; i < graph.nodes.size() && i < layout.nodes.size(); ++i) {
        const ExposureNode& node = graph.nodes[i];
        const MapBox& box = layout.nodes[i];
        const double x = box.x + kMargin;
        const double y = box.y + kMargin;
        const MapColour& severity = severityColourOf(palette, node.worst);
        const bool serious = node.worst && *node.worst >= Severity::High;
        DrawItem frame = rect(x, y, box.width, box.height, fillOf(palette, node.kind), severity, serious ? 2.5 : 1.5);
        frame.radius = node.kind == ExposureNodeKind::Network || node.kind == ExposureNodeKind::HostNetwork ? 12 : 4;
        frame.dashed = node.kind == ExposureNodeKind::ComposeProject;
        frame.node = static_cast<int>(i);
        frame.tooltip = nodeTooltip(node);
        d.items.push_back(std::move(frame));
        if (node.worst) {
            // A strip in the severity's colour down the left side: the colour the word in the box names.
            DrawItem strip = rect(x, y, 5, box.height, severity, "", 0);
            strip.node = static_cast<int>(i);
            d.items.push_back(std::move(strip));
        }
        double baseline = y + kBoxPadding;
        for (const auto& l : boxLines(node)) {
            baseline += boxLineHeight(l);
            const double left = x + kBoxPadding + (node.worst ? 2 : 0);
            DrawItem t;
            switch (l.role) {
            case BoxLine::Role::Title:
                t = text(left, baseline - 4, l.text, palette.text, 13, true);
                break;
            case BoxLine::Role::Subtitle:
            case BoxLine::Role::More:
                t = text(left, baseline - 3, l.text, palette.mutedText, 11);
                break;
            case BoxLine::Role::ExposedPort:
                t = text(left, baseline - 3, l.text, palette.exposed, 11, true);
                break;
            case BoxLine::Role::LoopbackPort:
                t = text(left, baseline - 3, l.text, palette.mutedText, 11);
                break;
            case BoxLine::Role::Badge:
                d.items.push_back(marker(left + 4, baseline - 7, 4, palette.severity[static_cast<std::size_t>(l.severity)]));
                d.items.back().node = static_cast<int>(i);
                t = text(left + 14, baseline - 3, l.text, palette.text, 11);
                break;
            }
            t.node = static_cast<int>(i);
            d.items.push_back(std::move(t));
        }
    }
    drawLegend(d, palette, layout.height + 2 * kMargin);
    return d;
}

} // namespace drydock
