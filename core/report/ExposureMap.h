#pragma once
#include "core/exposure/ExposureDrawing.h"
#include "core/results/ScanResult.h"

#include <optional>
#include <string>

namespace drydock {

// The report colours of the map: severities as every report badge shows them, on a light or dark theme.
ExposurePalette exposurePalette(bool dark = false);

// The drawing as SVG text. Every text is escaped (names and labels come from the daemon), so nothing in a
// container's name can open an element, an attribute or a script. Tooltips (<title>) are for a picture of its
// own; a report leaves them out (its boxes say the same, and the report stays small).
std::string exposureSvg(const ExposureDrawing& drawing, bool tooltips = true);

// What a report shows of the map: every compose project collapsed; above kReportMapContainers containers only
// what is reachable from outside (a report stays a readable size). nullopt when there is nothing to draw, or
// when even that view is larger than a page can show (the Map page shows it).
inline constexpr std::size_t kReportMapContainers = 200;
inline constexpr std::size_t kReportMapMaxBoxes = 300;
// The map a report draws, and whether it is the reachable part only.
struct ReportMap
{
    ExposureDrawing drawing;
    bool reachableOnly = false; // the note under the picture says so
};
std::optional<ReportMap> reportExposureMap(const ScanResult& scan);

} // namespace drydock
