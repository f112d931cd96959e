#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-006",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Manager node also runs workloads",
    .rationale =
        "Tasks scheduled on a manager run next to the raft store and the cluster keys; a compromised "
        "task lands one step from the control plane.",
    .fix = "Drain the managers so tasks run on workers only: `docker node update --availability drain "
           "<manager>`.",
    .practice = "Separate the control plane from workloads"};

// One finding per active manager. A swarm without workers is left alone: draining its managers would leave
// the services nowhere to run, so the advice would break the cluster.
class ManagerWorkloadRule final : public BasicRule
{
public:
    ManagerWorkloadRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const SwarmState* state = swarmfacts::managerState(context.inventory());
        if (!state) {
            return;
        }
        const bool hasWorker = std::any_of(state->nodes.begin(), state->nodes.end(),
                                           [](const SwarmNode& n) { return n.role == "worker"; });
        if (!hasWorker) {
            return;
        }
        for (const auto& node : state->nodes) {
            if (node.role == "manager" && node.availability == "active") {
                FindingDraft draft;
                draft.object = refOf(node);
                draft.evidence = "Spec.Role = manager, Spec.Availability = active";
                out.add(info(), std::move(draft));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeManagerWorkloadRule)
{
    return std::make_unique<ManagerWorkloadRule>();
}

} // namespace drydock
