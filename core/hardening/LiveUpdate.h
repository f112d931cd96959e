#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningPlan.h"
#include "core/model/Container.h"
#include "core/store/ActionRepository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// The values docker update can change on a running container, as inspect shows them and as the history
// keeps them so a live update can be undone. 0 means unlimited (the daemon's own spelling).
struct LiveResources
{
    std::int64_t memory = 0;
    std::int64_t memorySwap = 0; // -1 unlimited swap
    std::int64_t nanoCpus = 0;
    std::int64_t cpuShares = 0;
    std::int64_t pidsLimit = 0;
    RestartPolicy restart{"no", 0};

    bool operator==(const LiveResources& other) const;
};

// The step name a live update is recorded under in the history's action log (after the phase: "apply: ",
// "undo limits: ").
inline constexpr const char* kLiveUpdateStep = "update resources";

LiveResources liveResourcesOf(const HostConfig& host);

// The values after a plan's edits, when every edit is one docker update makes on a running container
// (--memory, --memory-swap, --cpus, --cpu-shares, --pids-limit, --restart) and none asks to lift a memory,
// swap or CPU limit (the daemon reads 0 there as "unchanged"); nullopt otherwise.
std::optional<LiveResources> liveResourcesAfter(const LiveResources& current,
                                                const std::vector<RunEdit>& edits);

// True when the plan is for a running container and its chosen automatic changes can all be made with
// docker update: then apply changes it in place (no stop, no recreate, same id).
bool canApplyLive(const HardeningPlan& plan, const LiveResources& current);

// The request that takes a container from `from` to `to`: only what differs. A memory, swap or CPU limit
// that `to` lifts cannot be lifted by docker update (0 reads as "unchanged", -1 is refused): it is left
// out and named in *cannotLift ("memory limit 48 MiB").
ResourceUpdate updateBetween(const LiveResources& from, const LiveResources& to,
                             StringList* cannotLift = nullptr);

// "previous Memory=0 MemorySwap=0 NanoCpus=0 CpuShares=0 PidsLimit=0 RestartPolicy=no:0; new Memory=…":
// an action's details, readable and read back by the undo.
std::string formatLiveRecord(const LiveResources& previous, const LiveResources& now);
std::optional<std::pair<LiveResources, LiveResources>> parseLiveRecord(const std::string& details);
// "memory unlimited → 48 MiB, pids unlimited → 64" for people.
std::string describeLiveChange(const LiveResources& from, const LiveResources& to);

// What --undo-limits restores: the values before the last live update of a container (actions of that
// container, oldest first), and the action it comes from.
struct LiveUndo
{
    LiveResources previous;
    LiveResources applied;
    ActionRecord action;
};
// The last "apply: update resources" that succeeded and was not undone since; an error that says so when
// there is none.
Result<LiveUndo> lastLiveUpdate(const std::vector<ActionRecord>& actions, const std::string& containerName);

} // namespace drydock
