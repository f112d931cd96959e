#include "core/common/Time.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-012",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Low,
    .cis = cis("7.4"),
    .title = "Swarm secret never rotated, or unused",
    .rationale =
        "A secret that never changes stays valid for whoever copied it once; a secret no service uses "
        "is a credential nobody watches.",
    .fix = "Rotate by creating a new version and swapping it in (docker secret create name_v2 -, then docker "
           "service update --secret-rm name --secret-add source=name_v2,target=name), and remove unused "
           "secrets.",
    .practice = "Use Docker secrets for sensitive data"};

constexpr std::int64_t kSecondsPerDay = 86400;

bool usedByAnyService(const SwarmState& swarm, const SwarmSecret& secret)
{
    return std::any_of(swarm.services.begin(), swarm.services.end(), [&](const SwarmService& service) {
        return std::any_of(service.secrets.begin(), service.secrets.end(), [&](const ServiceFileRef& ref) {
            return (!ref.id.empty() && ref.id == secret.id) || (!ref.name.empty() && ref.name == secret.name);
        });
    });
}

// Reports swarm secrets older than the configured age (low) and secrets no service references (info).
class StaleSecretRule final : public BasicRule
{
public:
    StaleSecretRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (!context.inventory().swarm) {
            return;
        }
        const SwarmState& swarm = *context.inventory().swarm;
        const int maxDays = context.settings().maxSecretAgeDays;
        for (const auto& secret : swarm.secrets) {
            // Secret data is immutable: UpdatedAt moves with label edits, not rotation, so age counts from
            // CreatedAt (UpdatedAt only when CreatedAt is missing).
            auto created = parseRfc3339(secret.createdAt);
            if (!created) {
                created = parseRfc3339(secret.updatedAt);
            }
            if (created && maxDays > 0) {
                const std::int64_t ageDays = (context.nowUnix() - *created) / kSecondsPerDay;
                if (ageDays > maxDays) {
                    FindingDraft draft;
                    draft.object = refOf(secret);
                    draft.evidence = "CreatedAt " + formatRfc3339(*created) + ", " + std::to_string(ageDays) +
                                     " days ago (limit " + std::to_string(maxDays) + ")";
                    draft.discriminator = "age";
                    draft.titleSuffix = ": older than " + std::to_string(maxDays) + " days";
                    out.add(info(), std::move(draft));
                }
            }
            if (!usedByAnyService(swarm, secret)) {
                FindingDraft draft;
                draft.object = refOf(secret);
                draft.evidence =
                    "referenced by none of " + std::to_string(swarm.services.size()) + " services";
                draft.severity = Severity::Info;
                draft.discriminator = "unused";
                draft.titleSuffix = ": used by no service";
                out.add(info(), std::move(draft));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeStaleSecretRule)
{
    return std::make_unique<StaleSecretRule>();
}

} // namespace drydock
