#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-003",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.7"),
    .title = "Package index refreshed in a layer that installs nothing",
    .rationale =
        "A RUN step that only refreshes the package index is cached on its own. Later builds reuse the "
        "stale index, so the install step that follows fetches outdated packages or fails.",
    .fix = "Refresh the index and install in the same RUN instruction, pin versions, and clean up in that "
           "instruction too.",
    .practice = "Keep images patched and builds reproducible"};

std::string_view dockerfileFor(PackageFamily family)
{
    switch (family) {
    case PackageFamily::Apk:
        return "RUN apk add --no-cache pkg=1.2-r0\n";
    case PackageFamily::Rpm:
        return "RUN dnf install -y pkg-1.2 && dnf clean all\n";
    case PackageFamily::Zypper:
        return "RUN zypper --non-interactive refresh && zypper --non-interactive install "
               "pkg=1.2 && zypper clean --all\n";
    case PackageFamily::Apt:
        break;
    }
    return "RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.2-3 && rm -rf "
           "/var/lib/apt/lists/*\n";
}

bool installs(PackageAction action)
{
    return action == PackageAction::Install || action == PackageAction::Upgrade ||
           action == PackageAction::DistUpgrade;
}

// Flags RUN lines that refresh a package index with no install or upgrade of the same package manager later
// in that line. The whole RUN is looked at, split into commands, instead of grepping the truncated history
// text.
class UpdateWithoutInstall final : public ImageRule
{
public:
    UpdateWithoutInstall() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        std::optional<PackageFamily> family;
        for (const auto& line : lines) {
            if (!line.isRun()) {
                continue;
            }
            std::vector<std::optional<PackageCommand>> commands;
            for (const auto& segment : line.segments()) {
                commands.push_back(packageCommand(shellWords(segment)));
            }
            for (std::size_t i = 0; i < commands.size(); ++i) {
                if (!commands[i] || commands[i]->action != PackageAction::Refresh) {
                    continue;
                }
                bool installedLater = false;
                for (std::size_t j = i + 1; j < commands.size() && !installedLater; ++j) {
                    installedLater = commands[j] && commands[j]->family == commands[i]->family &&
                                     installs(commands[j]->action);
                }
                if (!installedLater) {
                    matches.push_back({&line, line.segments()[i], info().defaultSeverity, {}});
                    family = family.value_or(commands[i]->family);
                    break; // one match per line is enough evidence
                }
            }
        }
        if (family) {
            reportHistoryMatches(info(), image, matches, std::string(dockerfileFor(*family)), out);
        }
    }
};

} // namespace

DRYDOCK_RULE(makeUpdateWithoutInstallRule)
{
    return std::make_unique<UpdateWithoutInstall>();
}

} // namespace drydock
