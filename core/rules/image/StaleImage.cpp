#include "core/common/Time.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-007",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.4"),
    .title = "Stale image",
    .rationale = "An image that has not been rebuilt for months still carries the packages of its build day, "
                 "so its base system very likely lacks security fixes published since.",
    .fix = "Rebuild regularly from a refreshed base image and redeploy.",
    .practice = "Rebuild images regularly"};

constexpr std::string_view kDockerfile = "# Keep FROM on a maintained tag, then rebuild without cache:\n"
                                         "FROM debian:12-slim\n"
                                         "# docker build --pull --no-cache -t repo/app:<new version> .\n";

constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

// Flags images older than ScanSettings::maxImageAgeDays (0 or less switches the rule off). An unknown
// creation time, Go's zero time or the Unix epoch that reproducible builds (SOURCE_DATE_EPOCH=0) write says
// nothing about age, so those images are not judged; neither are images "created" in the future by a skewed
// clock.
class StaleImage final : public ImageRule
{
public:
    StaleImage() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Image& image, FindingCollector& out) const override
    {
        const int maxDays = context.settings().maxImageAgeDays;
        if (maxDays <= 0) {
            return;
        }
        std::int64_t created = image.createdUnix;
        if (created <= 0) {
            created = parseRfc3339(image.created).value_or(0);
        }
        if (created <= 0) {
            return;
        }
        const std::int64_t age = context.nowUnix() - created;
        if (age <= static_cast<std::int64_t>(maxDays) * kSecondsPerDay) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = "Created " + formatRfc3339(created) + ", " + std::to_string(age / kSecondsPerDay) +
                         " days ago (limit " + std::to_string(maxDays) + " days)";
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeStaleImageRule)
{
    return std::make_unique<StaleImage>();
}

} // namespace drydock
