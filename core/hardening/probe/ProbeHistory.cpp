#include "core/hardening/probe/ProbeHistory.h"

#include <cmath>

namespace drydock {

std::vector<ProbeHistoryRow> probeHistoryRows(const ProbeResult& result)
{
    std::vector<ProbeHistoryRow> rows;
    for (const auto& v : result.verdicts) {
        rows.push_back({"probe: " + v.changeId, v.tolerated ? "tolerated" : "broke", v.evidence});
    }
    if (result.combinedChecked) {
        rows.push_back({"probe: all tolerated changes together",
                        result.combined.sameBehaviour ? "ok" : "failed", result.combined.evidence});
    }
    rows.push_back({"probe: done", result.cancelled ? "cancelled" : "ok",
                    std::to_string(result.trials) + " trials in " + std::to_string(result.rounds) +
                        (result.rounds == 1 ? " round, " : " rounds, ") +
                        std::to_string(static_cast<int>(std::lround(result.seconds))) + " s"});
    return rows;
}

} // namespace drydock
