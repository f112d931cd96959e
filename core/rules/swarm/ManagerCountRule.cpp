#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-002",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Low,
    .cis = cis("7.1"),
    .title = "Manager count not minimal or not odd",
    .rationale =
        "Raft tolerates (N-1)/2 failed managers, so an even count adds no fault tolerance, more than "
        "seven slows consensus, and several managers in a one- or two-node swarm buy nothing. Every "
        "manager holds the raft keys and the secrets, so each extra one is another place to steal them.",
    .fix = "Keep an odd number of managers (1, 3, 5 or 7) sized to the cluster; demote the extras with "
           "`docker node demote <node>`.",
    .practice = "Minimise the attack surface"};

// Reads INFO.Swarm.Managers and Nodes, which a manager fills in (a worker reports 0 and is not judged).
class ManagerCountRule final : public BasicRule
{
public:
    ManagerCountRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const SwarmNodeInfo& swarm = context.inventory().daemon.swarm;
        if (swarm.localNodeState != "active" || swarm.managers <= 0) {
            return;
        }
        const bool even = swarm.managers % 2 == 0;
        const bool tooMany = swarm.managers > 7;
        const bool tooManyForSize = swarm.managers > 1 && swarm.nodes <= 2;
        if (!even && !tooMany && !tooManyForSize) {
            return;
        }
        out.add(info(), swarmfacts::clusterDraft(context.inventory(),
                                                 "Swarm.Managers = " + std::to_string(swarm.managers) +
                                                     ", Swarm.Nodes = " + std::to_string(swarm.nodes)));
    }
};

} // namespace

DRYDOCK_RULE(makeManagerCountRule)
{
    return std::make_unique<ManagerCountRule>();
}

} // namespace drydock
