// The exposure map's cost (issue #24: 2,000 containers laid out in under a second, off the GUI thread): for
// 200 and 2,000 containers made from the realistic set (recorded containers, the real rule engine's
// findings), prints the time to build the graph, to lay out every container as its own box (Graphviz dot),
// to lay out the default view when half of them are in compose projects of 6 (collapsed), to draw it and to
// write the SVG; medians of 5.
#include "core/exposure/ExposureDrawing.h"
#include "core/report/ExposureMap.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/RealisticScan.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace drydock;

namespace {

double median(const std::function<void()>& work, int rounds = 5)
{
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        bench::Stopwatch watch;
        work();
        times.push_back(watch.ms());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main()
{
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    for (const int containers : {200, 2000}) {
        ScanResult scan = test::realisticScan(catalogue, containers);
        // Every container its own box: no compose projects.
        ExposureGraph plain;
        const double build = median([&] { plain = buildExposureGraph(scan.inventory, scan.findings); });
        Result<ExposureLayout> plainLayout = ExposureLayout{};
        const double layoutPlain = median([&] { plainLayout = layoutExposure(plain); });
        // Half of them in compose projects of 6, the default view (projects collapsed).
        for (std::size_t i = 0; i < scan.inventory.containers.size(); i += 2) {
            scan.inventory.containers[i].config.labels["com.docker.compose.project"] = "project" + std::to_string(i / 12);
        }
        const ExposureGraph collapsed = viewExposureGraph(buildExposureGraph(scan.inventory, scan.findings), {});
        Result<ExposureLayout> layout = ExposureLayout{};
        const double layoutCollapsed = median([&] { layout = layoutExposure(collapsed); });
        if (!plainLayout || !layout) {
            std::fprintf(stderr, "layout failed\n");
            return 1;
        }
        ExposureDrawing drawing;
        const double draw = median([&] { drawing = drawExposure(plain, *plainLayout, exposurePalette()); });
        std::string svg;
        const double write = median([&] { svg = exposureSvg(drawing); });
        std::printf("%d containers: graph %.1f ms; layout, every container a box (%zu boxes) %.0f ms (%.0f x %.0f); "
                    "half in compose projects, collapsed (%zu boxes) %.0f ms (%.0f x %.0f); drawing %.1f ms; SVG "
                    "%.1f ms (%zu KB)\n",
                    containers, build, plain.nodes.size(), layoutPlain, plainLayout->width, plainLayout->height,
                    collapsed.nodes.size(), layoutCollapsed, layout->width, layout->height, draw, write,
                    svg.size() / 1024);
    }
    return 0;
}
