#pragma once
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/ResourceObserver.h"

#include <cstdint>
#include <optional>
#include <string>

namespace drydock {

// Resource limits sized from what a container was seen to use, with headroom:
//   memory = max(2 × peak, peak + 32 MiB), rounded up to 16 MiB up to 256 MiB and to 64 MiB above, at least
//            32 MiB (a process that doubles its working set, or a burst of 32 MiB, is not killed);
//   pids   = max(64, 2 × peak), rounded up to 16 (shells, health checks and worker pools come and go);
//   cpus   = max(0.25, 2 × peak cores), rounded up to 0.25 (a quarter core lets an idle service answer).
// A few readings do not see a workload's worst hour: the plan says what was observed so a person can raise
// them, and the scans' own advice (RUN-006/008/009) keeps its fixed defaults.
class LimitsFromUsage
{
public:
    static std::int64_t memoryBytes(std::int64_t peakBytes);
    static std::int64_t pids(std::int64_t peakPids);
    static double cpus(double peakCores);

    // Values as docker run takes them: "64m", "0.25", "1.5".
    static std::string memoryFlag(std::int64_t bytes);
    static std::string cpusFlag(double cpus);
    // "23 MiB", "5.3 MiB", "0.4 MiB": what people read.
    static std::string mebibytes(std::int64_t bytes);
    // "0.03": CPUs used, two decimals.
    static std::string coresText(double cores);
};

// Puts limits sized from observed into a container plan's memory (RUN-006), CPU (RUN-008) and PIDs (RUN-009)
// changes, saying "observed peak 23 MiB → limit 64 MiB" in each title and reason. Without an observation the
// fixed defaults stay and the reason says why (whyNot: "not running: fixed default").
void applyObservedLimits(HardeningPlan& plan, const std::optional<ObservedUsage>& observed,
                         const std::string& whyNot);
// Whether the plan has a memory, CPU or PIDs limit to size (a container that has all three needs no sampling).
bool plansLimitsFromUsage(const HardeningPlan& plan);

} // namespace drydock
