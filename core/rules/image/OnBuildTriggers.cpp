#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-018",
    .area = Area::Image,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "ONBUILD triggers in the image",
    .rationale =
        "ONBUILD instructions run inside every build that uses this image as its base, although the "
        "child Dockerfile never shows them, so its author cannot see or review what their build does.",
    .fix = "Review the triggers, or replace them with an explicit base image whose steps child builds write "
           "out themselves.",
    .practice = "Make every build step visible"};

constexpr std::string_view kDockerfile =
    "# Remove the ONBUILD lines from the base image and write the steps in each child Dockerfile, e.g.:\n"
    "COPY . /app\n";

// Reports images that carry ONBUILD triggers, listing them.
class OnBuildTriggers final : public ImageRule
{
public:
    OnBuildTriggers() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        if (image.config.onBuild.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = evidenceText("Config.OnBuild = " + listText(image.config.onBuild));
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeOnBuildTriggersRule)
{
    return std::make_unique<OnBuildTriggers>();
}

} // namespace drydock
