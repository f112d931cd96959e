#pragma once
#include "core/common/Result.h"
#include "core/results/FleetSummary.h"
#include "core/store/ScanRepository.h"

#include <cstdint>

namespace drydock {

// The fleet as the history last saw it: every endpoint's latest stored scan side by side (score, open
// findings by severity, when it was scanned) and the worst open findings across them — the same
// FleetSummary a fleet scan gives, so the dashboard and the reports show both the same way. Endpoints not
// scanned since sinceUnix are left out.
struct FleetHistory
{
    static Result<FleetSummary> latest(ScanRepository& scans, std::int64_t sinceUnix = 0,
                                       std::size_t maxWorst = FleetSummary::kDefaultWorst);
};

} // namespace drydock
