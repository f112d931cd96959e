#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-004",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Low,
    .cis = cis("7.7"),
    .title = "Long node-certificate lifetime",
    .rationale = "A stolen node certificate stays valid until it expires. Lifetimes above the 90-day default "
                 "give an attacker a longer window.",
    .fix = "Shorten the lifetime; nodes renew automatically: `docker swarm update --cert-expiry 720h`.",
    .practice = "Rotate credentials"};

// The default (2160h, exactly 90 days) passes; only longer lifetimes are reported.
constexpr std::int64_t kMaxLifetimeNs = 90LL * 24 * 3600 * 1'000'000'000LL;

// SWM-004: node certificates that live longer than 90 days.
class NodeCertExpiryRule final : public BasicRule
{
public:
    NodeCertExpiryRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const SwarmState* state = swarmfacts::managerState(context.inventory());
        if (!state || state->cluster.nodeCertExpiryNs <= kMaxLifetimeNs) {
            return;
        }
        out.add(info(),
                swarmfacts::clusterDraft(context.inventory(),
                                         "Spec.CAConfig.NodeCertExpiry = " +
                                             swarmfacts::durationText(state->cluster.nodeCertExpiryNs)));
    }
};

} // namespace

DRYDOCK_RULE(makeNodeCertExpiryRule)
{
    return std::make_unique<NodeCertExpiryRule>();
}

} // namespace drydock
