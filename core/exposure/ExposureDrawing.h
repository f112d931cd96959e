#pragma once
#include "core/exposure/ExposureLayout.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// A colour as "#rrggbb" text: what SVG writes and QColor reads.
using MapColour = std::string;

// The colours of one map: a severity's colour is the one every report uses (passed in, see
// core/report/ExposureSvg.h), the rest is the theme's.
struct ExposurePalette
{
    std::array<MapColour, severityCount> severity; // index = static_cast<int>(Severity)
    MapColour background = "#ffffff";
    MapColour boxFill = "#ffffff";
    MapColour hostFill = "#e8eef7";
    MapColour networkFill = "#f3f4f6";
    MapColour clusterFill = "#f8fafc";
    MapColour text = "#1f2937";
    MapColour mutedText = "#6b7280";
    MapColour noFindings = "#9ca3af"; // the border of a box without open findings
    MapColour exposed = "#c81e1e";    // edges and ports reachable from the network
    MapColour loopback = "#9ca3af";
    MapColour line = "#6b7280";
};

// One thing to draw. Rectangles carry the node they stand for, so a front end can make them clickable.
struct DrawItem
{
    enum class Kind
    {
        Rect,  // x, y, width, height; fill, stroke, strokeWidth, radius, dashed
        Path,  // points: a cubic Bézier chain (p0, c1, c2, p1, …); stroke, strokeWidth, dashed
        Text,  // x (left, or centre when centred), y (baseline); text, fontSize, bold, fill
        Marker // a severity marker before a badge line: a circle at x, y with radius
    };
    Kind kind = Kind::Rect;
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    double radius = 0;
    std::vector<MapPoint> points;
    MapColour fill;   // "" = none
    MapColour stroke; // "" = none
    double strokeWidth = 1;
    bool dashed = false;
    std::string text;
    double fontSize = 11;
    bool bold = false;
    bool centred = false;
    int node = -1;       // the graph node this belongs to, -1 for none
    std::string project; // on an expanded project's frame: the project (double-click collapses it)
    std::string tooltip; // "web — critical: privileged, Docker API reachable"; plain text
};

// The map as shapes, lines and texts: built once from the graph and its layout, drawn by each back end
// (SVG text in core/report, QPainter and the map page's scene in ui) so every picture of the map is the same.
struct ExposureDrawing
{
    double width = 0;
    double height = 0;
    MapColour background;
    std::vector<DrawItem> items; // in drawing order
};

// The drawing of a laid-out graph. A legend is drawn below the graph.
ExposureDrawing drawExposure(const ExposureGraph& graph, const ExposureLayout& layout, const ExposurePalette& palette);

// A shape per severity (✖ critical, ▲ high, ◆ medium, ● low, ○ info, ✓ none): with the word, the tooltip
// never says a severity by colour alone.
std::string severitySymbol(const std::optional<Severity>& severity);
// The node's tooltip: its name, worst severity as a word, and everything its box shows.
std::string nodeTooltip(const ExposureNode& node);

} // namespace drydock
