#pragma once
#include "core/common/Result.h"
#include "core/exposure/ExposureGraph.h"

#include <string>
#include <vector>

namespace drydock {

// A point of the map, in drawing units (1 unit = 1 CSS pixel = 1 point), origin top left, y down.
struct MapPoint
{
    double x = 0;
    double y = 0;
};

// What a box shows, line by line: its title, then what the map says about it (capped so a box stays small).
struct BoxLine
{
    enum class Role
    {
        Title,
        Subtitle,
        ExposedPort,
        LoopbackPort,
        Badge,
        More // "+3 more"
    };
    Role role = Role::Subtitle;
    std::string text;
    Severity severity = Severity::Info; // a badge's
};
std::vector<BoxLine> boxLines(const ExposureNode& node);
// Line heights and the text width estimate the layout sizes boxes with and the drawing draws with.
inline constexpr double kBoxPadding = 8;
inline constexpr double kTitleHeight = 18;
inline constexpr double kLineHeight = 15;
double boxLineHeight(const BoxLine& line);
double estimatedTextWidth(const BoxLine& line);

// A box's place: its top-left corner and size.
struct MapBox
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

// An expanded compose project: a frame around its containers.
struct MapCluster
{
    std::string project;
    MapBox box;
};

// Where everything of one ExposureGraph goes: boxes by node index, edges as cubic Bézier point lists
// (p0, c1, c2, p1, c1, c2, p2, …) by edge index.
struct ExposureLayout
{
    double width = 0;
    double height = 0;
    std::vector<MapBox> nodes;
    std::vector<std::vector<MapPoint>> edges;
    std::vector<MapCluster> clusters;
};

// Positions for the graph from Graphviz's dot (top to bottom: host, networks, containers). Containers under
// one parent are spread over several rows (Graphviz's unflatten idea) so a wide endpoint reads as a block,
// not as one row of hundreds of boxes. Graphviz keeps global state: calls are serialised here, and they
// belong on a worker thread, never on a GUI thread.
Result<ExposureLayout> layoutExposure(const ExposureGraph& graph);

} // namespace drydock
