#include "core/hardening/PlanWaivers.h"

namespace drydock {

std::vector<Waiver> planWaivers(const HardeningPlan& plan, const std::string& endpoint, std::int64_t nowUnix)
{
    std::vector<Waiver> waivers;
    for (const auto& change : plan.changes) {
        if (change.choice != ChangeChoice::Waive || change.waiveReason.empty()) {
            continue;
        }
        for (const auto& rule : change.ruleIds) {
            Waiver w;
            w.scope = Waiver::Scope::Object;
            w.ruleId = rule;
            w.objectPattern = plan.object.name;
            w.reason = change.waiveReason;
            w.createdAtUnix = nowUnix;
            w.endpoint = endpoint;
            waivers.push_back(std::move(w));
        }
    }
    return waivers;
}

} // namespace drydock
