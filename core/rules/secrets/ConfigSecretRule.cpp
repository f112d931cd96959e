#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/secrets/SecretDetector.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-010",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis("7.4"),
    .title = "Secret stored as a swarm config",
    .rationale = "Configs are not encrypted for the tasks and the API returns their content to every client "
                 "(secrets are never returned), so a credential in a config is readable by any API user.",
    .fix = "Move the credential into a swarm secret (docker secret create …) and mount it with --secret.",
    .practice = "Use Docker secrets for sensitive data"};

// Reports swarm configs whose content holds a credential. The evidence names only the kinds found: not even
// a masked value of a config is shown.
class ConfigSecretRule final : public BasicRule
{
public:
    ConfigSecretRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (!context.inventory().swarm) {
            return;
        }
        for (const auto& config : context.inventory().swarm->configs) {
            std::vector<std::string> kinds;
            for (const auto& match : m_detector.inspectDocument(config.data)) {
                if (std::find(kinds.begin(), kinds.end(), match.kind) == kinds.end()) {
                    kinds.push_back(match.kind);
                }
            }
            if (kinds.empty()) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(config);
            draft.evidence = "Config " + config.name + " holds: " + join(kinds, ", ");
            out.add(info(), std::move(draft));
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeConfigSecretRule)
{
    return std::make_unique<ConfigSecretRule>();
}

} // namespace drydock
