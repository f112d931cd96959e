#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-005",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.28"),
    .title = "Mutable or missing image tag",
    .rationale = "What \"latest\" points to changes silently with every push, so two hosts running the same "
                 "name can run different code, and an untagged image cannot be traced back to a release.",
    .fix = "Tag images with immutable release versions and deploy them by digest.",
    .practice = "Pin image versions"};

constexpr std::string_view kDockerfile = "FROM debian:12.5-slim@sha256:<digest>\n"
                                         "# and run: docker run repo/app:1.4.2@sha256:<digest>\n";

// Flags images whose only tags are ":latest", or that have no tag at all ("<none>:<none>" is no tag).
class MutableTag final : public ImageRule
{
public:
    MutableTag() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        StringList tags;
        for (const auto& tag : image.repoTags) {
            if (!tag.empty() && tag != "<none>:<none>") {
                tags.push_back(tag);
            }
        }
        std::string evidence;
        if (tags.empty()) {
            evidence = "RepoTags is empty (untagged image)";
        } else if (std::all_of(tags.begin(), tags.end(),
                               [](const std::string& t) { return endsWith(t, ":latest"); })) {
            evidence = "RepoTags = " + listText(tags);
        } else {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = evidenceText(evidence);
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeMutableTagRule)
{
    return std::make_unique<MutableTag>();
}

} // namespace drydock
