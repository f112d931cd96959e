#include "core/rules/RuleRegistry.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kTooLarge{
    .id = "IMG-115",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = {},
    .title = "Image too large to analyse",
    .rationale = "Drydock stops reading an image whose file index, unpacked size or reading time goes past its "
                 "limits, so a huge or hostile image cannot exhaust this machine. Nothing inside such an image "
                 "was checked: it may hold setuid files, keys or tools that no content finding reports.",
    .fix = "Slim the image (multi-stage build, fewer and smaller layers, no caches or build trees in the final "
           "stage), or review it with a tool where larger limits are acceptable.",
    .practice = "Keep images minimal (multi-stage builds)"};

// IMG-115: the image's contents are unknown because it went past the analysis limits.
class ImageTooLargeRule final : public ContentRule
{
public:
    ImageTooLargeRule() : ContentRule(kTooLarge) {}

    void checkContents(const Image& image, const ImageContents& contents, FindingCollector& out) const override
    {
        if (contents.limitReached.empty()) {
            return;
        }
        out.add(info(), FindingDraft{.object = refOf(image),
                                     .evidence = evidenceText(contents.limitReached),
                                     .severity = std::nullopt,
                                     .discriminator = {},
                                     .edits = {},
                                     .dockerfile = {},
                                     .titleSuffix = {}});
    }
};

} // namespace

DRYDOCK_RULE(makeImageTooLargeRule) { return std::make_unique<ImageTooLargeRule>(); }

} // namespace drydock
