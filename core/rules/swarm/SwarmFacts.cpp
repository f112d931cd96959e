#include "core/rules/swarm/SwarmFacts.h"

#include "core/rules/RuleSupport.h"

namespace drydock::swarmfacts {

const SwarmState* managerState(const Inventory& inventory)
{
    if (!inventory.swarm || !inventory.swarm->isManager || inventory.swarm->cluster.id.empty()) {
        return nullptr;
    }
    return &*inventory.swarm;
}

FindingDraft clusterDraft(const Inventory& inventory, std::string evidence)
{
    FindingDraft draft;
    draft.object = swarmRef(inventory);
    draft.evidence = std::move(evidence);
    return draft;
}

std::string durationText(std::int64_t nanoseconds)
{
    constexpr std::int64_t nsPerHour = 3600LL * 1'000'000'000LL;
    const std::int64_t hours = nanoseconds / nsPerHour;
    const std::int64_t days = hours / 24;
    return std::to_string(hours) + "h (" + std::to_string(days) + (days == 1 ? " day)" : " days)");
}

} // namespace drydock::swarmfacts
