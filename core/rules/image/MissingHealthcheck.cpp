#include "core/common/Strings.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-002",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.6"),
    .title = "No HEALTHCHECK in the image",
    .rationale = "Without a health check Docker only knows whether the process exists, not whether it still "
                 "answers, so a hung service goes unnoticed and restart policies or orchestrators never act.",
    .fix = "Add a cheap HEALTHCHECK that probes the service itself.",
    .practice = "Add health checks"};

constexpr std::string_view kDockerfile =
    "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD [\"/app/health\"]\n";

// Flags images without a working health check. HEALTHCHECK NONE counts as missing (docker-bench passes it)
// and so does a Test list with nothing to run.
class MissingHealthcheck final : public ImageRule
{
public:
    MissingHealthcheck() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto& health = image.config.healthcheck;
        std::string evidence;
        if (!health) {
            evidence = "Config.Healthcheck is absent";
        } else if (health->isDisabled()) {
            evidence = "Config.Healthcheck.Test = [\"NONE\"] (disabled)";
        } else if (health->test.empty()) {
            evidence = "Config.Healthcheck.Test is empty";
        } else {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = std::move(evidence);
        draft.dockerfile = snippetOr(DockerfileSnippet::healthcheck(), kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeMissingHealthcheckRule)
{
    return std::make_unique<MissingHealthcheck>();
}

} // namespace drydock
