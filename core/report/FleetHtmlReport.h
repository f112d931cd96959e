#pragma once
#include "core/results/FleetSummary.h"

#include <cstdint>
#include <string>

namespace drydock {

// The fleet view as one self-contained HTML file (inline CSS, no script, nothing fetched): posture and open
// findings per endpoint side by side, change since each endpoint's last scan, why an endpoint was
// unreachable, and the worst open findings across the fleet. Everything from a daemon is escaped. The print
// variant (for the PDF) has the same content, styled with attributes instead of a stylesheet.
class FleetHtmlReport
{
public:
    static std::string render(const FleetSummary& summary, std::int64_t generatedAtUnix, bool print = false);
};

} // namespace drydock
