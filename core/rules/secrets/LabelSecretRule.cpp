#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-004",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.10"),
    .title = "Secret in labels",
    .rationale =
        "Labels are metadata: any API user reads them with docker inspect, and image labels travel with "
        "every copy of the image.",
    .fix = "Remove the LABEL or --label; give the application the secret as a read-only file.",
    .practice = "Keep secrets out of images"};

// Reports secret-looking labels on images, and on containers where the label did not come from the image.
class LabelSecretRule final : public BasicRule
{
public:
    LabelSecretRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        for (const auto& image : context.inventory().images) {
            if (!context.inFocus(ObjectType::Image, image.id)) {
                continue;
            }
            for (const auto& [key, value] : image.config.labels) {
                if (const auto match = m_detector.inspectVariable(key, value)) {
                    FindingDraft draft = secretfacts::secretDraft(refOf(image), "Config.Labels", *match);
                    draft.dockerfile = secretfacts::secretDockerfile("LABEL", key);
                    out.add(info(), std::move(draft));
                }
            }
        }
        for (const auto& c : context.inventory().containers) {
            if (!context.inFocus(ObjectType::Container, c.id)) {
                continue;
            }
            const Image* image = context.imageOf(c);
            for (const auto& [key, value] : c.config.labels) {
                if (image) {
                    const auto inherited = image->config.labels.find(key);
                    if (inherited != image->config.labels.end() && inherited->second == value) {
                        continue; // the image's finding
                    }
                }
                if (const auto match = m_detector.inspectVariable(key, value)) {
                    out.add(info(), secretfacts::secretDraft(refOf(c), "Config.Labels", *match));
                }
            }
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeLabelSecretRule)
{
    return std::make_unique<LabelSecretRule>();
}

} // namespace drydock
