#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-024",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.28"),
    .title = "Container uses a mutable image reference",
    .rationale = "A tag, and :latest above all, can point to different content tomorrow: recreating the "
                 "container may silently run something else. Only a digest names exact content.",
    .fix = "Reference a version tag pinned by digest (repo/app:1.4.2@sha256:…).",
    .practice = "Pin images by version and digest"};

// Flags containers created from a reference without a digest (untagged, :latest, or a plain tag).
class MutableImageRefRule final : public ContainerRule
{
public:
    MutableImageRefRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const std::string& reference = c.config.image;
        // An image id is content-addressed, as immutable as a digest.
        if (reference.empty() || isImageIdReference(reference, c.imageId)) {
            return;
        }
        const ImageReference ref = parseImageReference(reference);
        if (!ref.digest.empty()) {
            return;
        }
        std::string evidence = "Config.Image = " + reference;
        if (ref.tag.empty()) {
            evidence += " (no tag: means :latest)";
        } else if (ref.tag == "latest") {
            evidence += " (:latest)";
        } else {
            evidence += " (tag without @sha256 digest)";
        }
        out.add(info(), containerDraft(c, std::move(evidence)));
    }
};

} // namespace

DRYDOCK_RULE(makeMutableImageRefRule)
{
    return std::make_unique<MutableImageRefRule>();
}

} // namespace drydock
