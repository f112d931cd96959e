#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-006",
    .area = Area::Image,
    .defaultSeverity = Severity::Info,
    .cis = cis("4.2"),
    .title = "Image provenance unknown (no registry digest)",
    .rationale = "The image was built, imported or loaded locally and never pulled from or pushed to a "
                 "registry, so no digest ties it to a published artifact and signatures or content trust "
                 "cannot apply.",
    .fix = "Push the image to a registry, pull it by digest where it runs, and sign it.",
    .practice = "Use trusted, signed images"};

constexpr std::string_view kDockerfile =
    "# Build FROM a base pinned by digest, push the result, and deploy it by digest:\n"
    "FROM debian:12.5-slim@sha256:<digest>\n"
    "# docker pull repo/app@sha256:<digest>\n";

// Reports images without a RepoDigest ("<none>@<none>" is no digest): context for the provenance checks.
class NoRegistryDigest final : public ImageRule
{
public:
    NoRegistryDigest() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const bool hasDigest =
            std::any_of(image.repoDigests.begin(), image.repoDigests.end(),
                        [](const std::string& d) { return !d.empty() && d != "<none>@<none>"; });
        if (hasDigest) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = "RepoDigests is empty";
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeNoRegistryDigestRule)
{
    return std::make_unique<NoRegistryDigest>();
}

} // namespace drydock
