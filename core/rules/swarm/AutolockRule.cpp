#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-003",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Medium,
    .cis = cis("7.5"),
    .title = "Swarm autolock is off",
    .rationale = "The raft keys sit unencrypted on every manager's disk. Whoever copies a manager's disk or "
                 "backup can decrypt the raft log, including every Swarm secret.",
    .fix = "Turn on autolock and keep the unlock key offline (a password manager, not the same host): "
           "`docker swarm update --autolock=true`; after each manager restart run `docker swarm unlock`.",
    .practice = "Protect secrets at rest"};

// Spec.EncryptionConfig.AutoLockManagers from /swarm; the unlock key itself is never read into the model.
class AutolockRule final : public BasicRule
{
public:
    AutolockRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const SwarmState* state = swarmfacts::managerState(context.inventory());
        if (!state || state->cluster.autoLockManagers) {
            return;
        }
        std::string evidence = "Spec.EncryptionConfig.AutoLockManagers = false";
        if (!state->unlockKeySet) {
            evidence += "; unlock key empty";
        }
        out.add(info(), swarmfacts::clusterDraft(context.inventory(), std::move(evidence)));
    }
};

} // namespace

DRYDOCK_RULE(makeAutolockRule)
{
    return std::make_unique<AutolockRule>();
}

} // namespace drydock
