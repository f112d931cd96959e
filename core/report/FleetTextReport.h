#pragma once
#include "core/results/FleetSummary.h"

#include <string>

namespace drydock {

// The fleet view for terminals: one line per endpoint side by side (posture, open findings by severity,
// change since its last scan), the reasons of unreachable endpoints, and the worst findings of the fleet.
class FleetTextReport
{
public:
    static std::string render(const FleetSummary& summary);
};

} // namespace drydock
