#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-008",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.3"),
    .title = "sudo used or installed in the build",
    .rationale = "sudo left in an image, or a sudoers entry written during the build, gives any process that "
                 "runs as the image user a ready path back to root.",
    .fix = "Do the steps that need root before the USER instruction and do not install or configure sudo.",
    .practice = "Avoid privilege-escalation paths"};

constexpr std::string_view kDockerfile =
    "# Root steps first, without sudo:\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends pkg "
    "&& rm -rf /var/lib/apt/lists/*\n"
    "USER app\n";

bool mentionsSudo(const std::vector<std::string>& words)
{
    for (const auto& word : words) {
        if (commandName(word) == "sudo" || contains(word, "/etc/sudoers")) {
            return true;
        }
    }
    return false;
}

// Flags RUN lines with the word sudo (running it, or installing the package) or a write to /etc/sudoers.
class SudoInBuild final : public ImageRule
{
public:
    SudoInBuild() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        const HistoryLine* last = nullptr;
        forEachRunCommand(lines, [&](const HistoryLine& line, std::size_t segment, const auto& words) {
            if (&line != last && mentionsSudo(words)) {
                matches.push_back({&line, line.segments()[segment], info().defaultSeverity, {}});
                last = &line;
            }
        });
        reportHistoryMatches(info(), image, matches, std::string(kDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeSudoInBuildRule)
{
    return std::make_unique<SudoInBuild>();
}

} // namespace drydock
