#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-009",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "dist-upgrade in the build",
    .rationale =
        "A distribution upgrade inside the build can move the image to a new major release on any "
        "rebuild, so the result is not reproducible and may break in ways the base image maintainers "
        "never tested.",
    .fix = "Start from a newer base image tag instead of upgrading the distribution inside the image.",
    .practice = "Keep builds reproducible"};

constexpr std::string_view kDockerfile =
    "# Instead of RUN apt-get dist-upgrade, move FROM to the newer release:\n"
    "FROM debian:12-slim\n";

// Flags apt dist-upgrade/full-upgrade (and zypper dist-upgrade/dup, the same thing on SUSE) in RUN lines.
class DistUpgrade final : public ImageRule
{
public:
    DistUpgrade() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        const HistoryLine* last = nullptr;
        forEachRunCommand(lines, [&](const HistoryLine& line, std::size_t segment, const auto& words) {
            const auto command = packageCommand(words);
            if (&line != last && command && command->action == PackageAction::DistUpgrade) {
                matches.push_back({&line, line.segments()[segment], info().defaultSeverity, {}});
                last = &line;
            }
        });
        reportHistoryMatches(info(), image, matches, std::string(kDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeDistUpgradeRule)
{
    return std::make_unique<DistUpgrade>();
}

} // namespace drydock
