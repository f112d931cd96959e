#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>
#include <array>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-011",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "System path declared as VOLUME",
    .rationale =
        "A VOLUME over a system directory puts an anonymous volume where the image's own files "
        "should be: it outlives the container, hides changes made there from image scans, and confuses "
        "anyone reasoning about what the container sees.",
    .fix = "Remove the VOLUME instruction for system paths; declare volumes only for application data.",
    .practice = "Keep system paths out of volumes"};

constexpr std::string_view kDockerfile = "# Delete lines such as:\n"
                                         "#   VOLUME /dev\n"
                                         "# and declare volumes only for data, e.g.:\n"
                                         "VOLUME /var/lib/app\n";

// dockle's /proc, /sys and /dev plus our extension of other system roots.
constexpr std::array<std::string_view, 8> kSystemPaths{"/proc", "/sys",  "/dev", "/",
                                                       "/etc",  "/boot", "/run", "/var/run"};

// "/dev/", "//dev" and "/dev/." all name /dev.
std::string normalisePath(std::string_view path)
{
    std::string out;
    for (const char c : path) {
        if (c == '/' && !out.empty() && out.back() == '/') {
            continue;
        }
        out += c;
    }
    // "/dev/" and "/dev/." are /dev; "/." is "/".
    while (true) {
        if (out.size() > 1 && out.back() == '/') {
            out.pop_back();
        } else if (out.size() >= 2 && out.ends_with("/.")) {
            out.pop_back();
        } else {
            break;
        }
    }
    return out;
}

// Flags image VOLUME entries that sit exactly on a system directory, one finding listing them all.
class SystemPathVolume final : public ImageRule
{
public:
    SystemPathVolume() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        StringList hits;
        for (const auto& volume : image.config.volumes) {
            const std::string path = normalisePath(volume);
            if (std::find(kSystemPaths.begin(), kSystemPaths.end(), path) != kSystemPaths.end()) {
                hits.push_back(volume);
            }
        }
        if (hits.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = evidenceText("Config.Volumes has " + listText(hits));
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeSystemPathVolumeRule)
{
    return std::make_unique<SystemPathVolume>();
}

} // namespace drydock
