#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-023",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.28"),
    .title = "Container runs an outdated image",
    .rationale = "The tag the container was created from now points to a newer image, which may carry "
                 "security fixes, but the container was never recreated and still runs the old one.",
    .fix = "Pull the image and recreate the container with the same flags.",
    .practice = "Recreate containers when their image is updated"};

// "nginx" and "docker.io/library/nginx:latest" both become "nginx:latest", the form RepoTags use.
std::string tagKey(const containerfacts::ImageReference& ref)
{
    return containerfacts::familiarName(ref.name) + ":" + (ref.tag.empty() ? "latest" : ref.tag);
}

// Flags containers whose Config.Image tag now names a different image than the one they run.
class OutdatedImageRule final : public ContainerRule
{
public:
    OutdatedImageRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const std::string& reference = c.config.image;
        if (reference.empty() || c.imageId.empty() || isImageIdReference(reference, c.imageId)) {
            return;
        }
        const ImageReference ref = parseImageReference(reference);
        if (!ref.digest.empty()) {
            return; // a digest cannot move
        }
        const std::string wanted = tagKey(ref);
        const Image* current = nullptr;
        for (const auto& image : context.inventory().images) {
            for (const auto& tag : image.repoTags) {
                // RepoTags are already in familiar form ("nginx:latest"), so a plain comparison suffices.
                if (tag == wanted) {
                    current = &image;
                }
            }
        }
        // Tag no longer present locally: nothing to compare against, so no claim either way.
        if (!current || current->id == c.imageId) {
            return;
        }
        out.add(info(), containerDraft(c, "Config.Image " + reference + " now points to " +
                                              shortImageId(current->id) + "; container runs " +
                                              shortImageId(c.imageId)));
    }
};

} // namespace

DRYDOCK_RULE(makeOutdatedImageRule)
{
    return std::make_unique<OutdatedImageRule>();
}

} // namespace drydock
