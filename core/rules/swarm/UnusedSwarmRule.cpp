#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-001",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.1"),
    .title = "Swarm mode on but no services",
    .rationale = "Swarm mode opens ports 2377, 7946 and 4789 and keeps a raft store with the cluster keys, "
                 "yet nothing runs on it.",
    .fix = "Leave the swarm if you do not use it: `docker swarm leave` (add --force on the last manager).",
    .practice = "Minimise the attack surface"};

// Only a manager can list services; on a worker the rule has nothing to judge.
class UnusedSwarmRule final : public BasicRule
{
public:
    UnusedSwarmRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        if (!inventory.swarm || !inventory.swarm->isManager || !inventory.swarm->services.empty()) {
            return;
        }
        out.add(info(), swarmfacts::clusterDraft(inventory,
                                                 "Swarm.LocalNodeState = active; manager lists 0 services"));
    }
};

} // namespace

DRYDOCK_RULE(makeUnusedSwarmRule)
{
    return std::make_unique<UnusedSwarmRule>();
}

} // namespace drydock
