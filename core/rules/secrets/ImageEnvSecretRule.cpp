#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-002",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis("4.10"),
    .title = "Secret baked into image ENV",
    .rationale = "An ENV value travels with every copy and every pull of the image, and every container "
                 "started from it inherits it.",
    .fix = "Remove the ENV line from the Dockerfile. Use a BuildKit secret mount for build steps and a "
           "read-only secret file at run time.",
    .practice = "Keep secrets out of images"};

// Reports image ENV entries that carry a secret.
class ImageEnvSecretRule final : public ImageRule
{
public:
    ImageEnvSecretRule() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        for (const auto& entry : image.config.env) {
            const auto pair = secretfacts::splitAssignment(entry);
            if (!pair) {
                continue;
            }
            const auto match = m_detector.inspectVariable(pair->name, pair->value);
            if (!match) {
                continue;
            }
            FindingDraft draft = secretfacts::secretDraft(refOf(image), "Config.Env", *match);
            draft.dockerfile = secretfacts::secretDockerfile("ENV", match->name);
            out.add(info(), std::move(draft));
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeImageEnvSecretRule)
{
    return std::make_unique<ImageEnvSecretRule>();
}

} // namespace drydock
