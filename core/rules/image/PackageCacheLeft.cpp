#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-010",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.3"),
    .title = "Package cache left in the image",
    .rationale = "Package indexes and downloaded packages left in a layer make the image bigger, ship stale "
                 "repository metadata, and cannot be removed by a later layer.",
    .fix = "Clean the package manager's cache in the same RUN instruction that installs.",
    .practice = "Keep images minimal"};

std::string_view dockerfileFor(PackageFamily family)
{
    switch (family) {
    case PackageFamily::Apk:
        return "RUN apk add --no-cache pkg\n";
    case PackageFamily::Rpm:
        return "RUN dnf install -y pkg && dnf clean all\n";
    case PackageFamily::Zypper:
        return "RUN zypper --non-interactive install pkg && zypper clean --all\n";
    case PackageFamily::Apt:
        break;
    }
    return "RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf "
           "/var/lib/apt/lists/*\n";
}

// Directories whose removal by `rm` counts as cleaning up after each package manager.
std::vector<std::string_view> cacheDirs(PackageFamily family)
{
    switch (family) {
    case PackageFamily::Apt:
        return {"/var/lib/apt/lists"};
    case PackageFamily::Apk:
        return {"/var/cache/apk"};
    case PackageFamily::Rpm:
        return {"/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf"};
    case PackageFamily::Zypper:
        return {"/var/cache/zypp"};
    }
    return {};
}

bool removesCache(const std::vector<std::string>& words, PackageFamily family)
{
    if (!findCommand(words, "rm")) {
        return false;
    }
    const auto dirs = cacheDirs(family);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::any_of(dirs.begin(), dirs.end(), [&](std::string_view dir) { return contains(w, dir); });
    });
}

bool cleansUp(const std::vector<std::string>& words, PackageFamily family)
{
    const auto command = packageCommand(words);
    return (command && command->family == family && command->action == PackageAction::Clean) ||
           removesCache(words, family);
}

// Flags RUN lines that install packages and leave the cache: apt install without removing /var/lib/apt/lists
// or `apt-get clean`; `apk add` without --no-cache or removing /var/cache/apk; yum/dnf/microdnf install
// without a `clean`; zypper install without `zypper clean`. Cleaning must happen later in the same RUN line:
// a later layer only hides the files.
class PackageCacheLeft final : public ImageRule
{
public:
    PackageCacheLeft() : ImageRule(kRuleInfo) {}

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
            std::vector<std::vector<std::string>> words;
            for (const auto& segment : line.segments()) {
                words.push_back(shellWords(segment));
            }
            for (std::size_t i = 0; i < words.size(); ++i) {
                const auto command = packageCommand(words[i]);
                if (!command || command->action != PackageAction::Install) {
                    continue;
                }
                const auto& options = command->options;
                if (command->family == PackageFamily::Apk &&
                    std::find(options.begin(), options.end(), "--no-cache") != options.end()) {
                    continue;
                }
                bool cleaned = false;
                for (std::size_t j = i + 1; j < words.size() && !cleaned; ++j) {
                    cleaned = cleansUp(words[j], command->family);
                }
                if (!cleaned) {
                    matches.push_back({&line, line.segments()[i], info().defaultSeverity, {}});
                    family = family.value_or(command->family);
                    break;
                }
            }
        }
        if (family) {
            reportHistoryMatches(info(), image, matches, std::string(dockerfileFor(*family)), out);
        }
    }
};

} // namespace

DRYDOCK_RULE(makePackageCacheLeftRule)
{
    return std::make_unique<PackageCacheLeft>();
}

} // namespace drydock
