#include "core/report/ExposureMap.h"

#include "core/report/HtmlEscape.h"
#include "core/report/SeverityColour.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>
#include <sstream>

namespace drydock {

namespace {

// Whole units, and halves for line widths: a unit is a CSS pixel, finer than anything the map draws, and a
// report's map stays small.
std::string num(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", std::round(v * 2) / 2);
    std::string s = buffer;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
        s.resize(s.size() - 2);
    }
    return s;
}

void paint(std::ostringstream& o, const DrawItem& item)
{
    o << " fill=\"" << (item.fill.empty() ? "none" : htmlEscape(item.fill)) << "\"";
    if (!item.stroke.empty()) {
        o << " stroke=\"" << htmlEscape(item.stroke) << "\" stroke-width=\"" << num(item.strokeWidth) << "\"";
        if (item.dashed) {
            o << " stroke-dasharray=\"5 3\"";
        }
    }
}

} // namespace

ExposurePalette exposurePalette(bool dark)
{
    ExposurePalette p;
    for (int s = 0; s < severityCount; ++s) {
        p.severity[static_cast<std::size_t>(s)] = severityColour(static_cast<Severity>(s));
    }
    if (dark) {
        // Lighter severity colours on dark boxes (the report colours are tuned for white paper).
        p.severity = {"#9ca3af", "#60a5fa", "#facc15", "#fb923c", "#f87171"};
        p.background = "#1e1e1e";
        p.boxFill = "#2a2d31";
        p.hostFill = "#23324a";
        p.networkFill = "#30343a";
        p.clusterFill = "#25282c";
        p.text = "#e5e7eb";
        p.mutedText = "#a1a8b3";
        p.noFindings = "#6b7280";
        p.exposed = "#f87171";
        p.loopback = "#8b929c";
        p.line = "#8b929c";
    }
    return p;
}

std::string exposureSvg(const ExposureDrawing& d, bool tooltips)
{
    // Texts share a few looks (size, weight, colour): one CSS class each instead of three attributes on every
    // text keeps a report's map small.
    std::map<std::tuple<std::string, bool, std::string>, std::size_t> looks;
    for (const auto& item : d.items) {
        if (item.kind == DrawItem::Kind::Text) {
            looks.try_emplace({num(item.fontSize), item.bold, item.fill}, looks.size());
        }
    }
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"exposure-map\" width=\"" << num(d.width)
      << "\" height=\"" << num(d.height) << "\" viewBox=\"0 0 " << num(d.width) << " " << num(d.height)
      << "\" role=\"img\" aria-label=\"Exposure map\" font-family=\"DejaVu Sans, Verdana, sans-serif\">"
      << "<style>";
    for (const auto& [look, index] : looks) {
        o << ".x" << index << "{font-size:" << std::get<0>(look) << "px;" << (std::get<1>(look) ? "font-weight:bold;" : "")
          << "fill:" << htmlEscape(std::get<2>(look)) << "}";
    }
    o << "</style><rect width=\"100%\" height=\"100%\" fill=\"" << htmlEscape(d.background) << "\"/>\n";
    for (const auto& item : d.items) {
        switch (item.kind) {
        case DrawItem::Kind::Rect:
            o << "<rect x=\"" << num(item.x) << "\" y=\"" << num(item.y) << "\" width=\"" << num(item.width)
              << "\" height=\"" << num(item.height) << "\"";
            if (item.radius > 0) {
                o << " rx=\"" << num(item.radius) << "\"";
            }
            paint(o, item);
            if (tooltips && !item.tooltip.empty()) {
                o << "><title>" << htmlEscape(item.tooltip) << "</title></rect>\n";
            } else {
                o << "/>\n";
            }
            break;
        case DrawItem::Kind::Path: {
            if (item.points.empty()) {
                break;
            }
            o << "<path d=\"M" << num(item.points[0].x) << " " << num(item.points[0].y);
            for (std::size_t i = 1; i + 2 < item.points.size(); i += 3) {
                o << "C" << num(item.points[i].x) << " " << num(item.points[i].y) << " " << num(item.points[i + 1].x)
                  << " " << num(item.points[i + 1].y) << " " << num(item.points[i + 2].x) << " "
                  << num(item.points[i + 2].y);
            }
            o << "\"";
            DrawItem line = item;
            line.fill.clear();
            paint(o, line);
            o << "/>\n";
            break;
        }
        case DrawItem::Kind::Text:
            o << "<text x=\"" << num(item.x) << "\" y=\"" << num(item.y) << "\" class=\"x"
              << looks[{num(item.fontSize), item.bold, item.fill}] << "\""
              << (item.centred ? " text-anchor=\"middle\"" : "") << ">" << htmlEscape(item.text) << "</text>\n";
            break;
        case DrawItem::Kind::Marker:
            o << "<circle cx=\"" << num(item.x) << "\" cy=\"" << num(item.y) << "\" r=\"" << num(item.radius)
              << "\" fill=\"" << htmlEscape(item.fill) << "\"/>\n";
            break;
        }
    }
    o << "</svg>";
    return o.str();
}

std::optional<ReportMap> reportExposureMap(const ScanResult& scan)
{
    if (scan.inventory.containers.empty()) {
        return std::nullopt;
    }
    const ExposureGraph full = buildExposureGraph(scan.inventory, scan.findings);
    ExposureView view;
    view.onlyReachable = scan.inventory.containers.size() > kReportMapContainers;
    const ExposureGraph shown = viewExposureGraph(full, view);
    if (shown.nodes.size() > kReportMapMaxBoxes || shown.nodes.size() < 2) {
        return std::nullopt;
    }
    auto layout = layoutExposure(shown);
    if (!layout) {
        return std::nullopt;
    }
    return ReportMap{drawExposure(shown, *layout, exposurePalette()), view.onlyReachable};
}

} // namespace drydock
