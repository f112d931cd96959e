#pragma once
#include "core/hardening/probe/LeastPrivilegeProbe.h"

#include <string>
#include <vector>

namespace drydock {

// One history row of a probe's outcome (an action of the hardening history, its step prefixed "probe: ").
struct ProbeHistoryRow
{
    std::string step;    // "probe: CTR-001", "probe: all tolerated changes together", "probe: done"
    std::string outcome; // tolerated | broke; ok | failed; ok | cancelled
    std::string details; // the evidence (masked like every log line the trials read)
};

// What drydock harden --probe and the wizard's probe both record of a result: one row per verdict, the
// combined trial when it ran, and how many trials in how many rounds and seconds.
std::vector<ProbeHistoryRow> probeHistoryRows(const ProbeResult& result);

} // namespace drydock
