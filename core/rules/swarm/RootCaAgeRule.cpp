#include "core/common/Time.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/CertificateDates.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-005",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Low,
    .cis = cis("7.8"),
    .title = "Swarm root CA not rotated for over a year",
    .rationale = "The root CA key signs every node certificate. The longer it lives, the longer a copy taken "
                 "from a manager (or a backup) lets someone mint trusted node certificates.",
    .fix = "Rotate the root CA; nodes move to the new one on their own: `docker swarm ca --rotate`.",
    .practice = "Rotate credentials"};

constexpr std::int64_t kMaxAgeSeconds = 365LL * 24 * 3600;

// Dates the first certificate of TLSInfo.TrustRoot. An unreadable PEM says nothing and raises nothing.
// A rotation in progress is reported as info so people know the age finding is about to change.
class RootCaAgeRule final : public BasicRule
{
public:
    RootCaAgeRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const SwarmState* state = swarmfacts::managerState(context.inventory());
        if (!state) {
            return;
        }
        if (const auto notBefore = pemCertificateNotBefore(state->cluster.trustRootPem)) {
            const std::int64_t age = context.nowUnix() - *notBefore;
            if (age > kMaxAgeSeconds) {
                auto draft = swarmfacts::clusterDraft(
                    context.inventory(), "TLSInfo.TrustRoot notBefore = " + formatRfc3339(*notBefore) + " (" +
                                             std::to_string(age / 86400) + " days ago)");
                draft.discriminator = "root-ca-age";
                out.add(info(), std::move(draft));
            }
        }
        if (state->cluster.rootRotationInProgress) {
            auto draft = swarmfacts::clusterDraft(context.inventory(), "RootRotationInProgress = true");
            draft.discriminator = "root-rotation";
            draft.severity = Severity::Info;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeRootCaAgeRule)
{
    return std::make_unique<RootCaAgeRule>();
}

} // namespace drydock
