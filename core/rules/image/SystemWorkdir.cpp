#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <array>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-014",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "WORKDIR in a system directory",
    .rationale = "A working directory inside /proc, /sys, /dev or /boot makes the application read and write "
                 "relative paths in kernel or boot interfaces, which is at best confusing and at worst "
                 "changes the system.",
    .fix = "Use a dedicated application directory as WORKDIR.",
    .practice = "Keep system paths out of the application's way"};

constexpr std::string_view kDockerfile = "WORKDIR /app\n";

constexpr std::array<std::string_view, 6> kSystemDirs{"/proc", "/boot",   "/dev",
                                                      "/sys",  "/initrd", "/lost+found"};

// Flags a WorkingDir that is one of the system directories or below one ("/proc" and "/proc/1" alike).
class SystemWorkdir final : public ImageRule
{
public:
    SystemWorkdir() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        std::string dir = image.config.workingDir;
        while (startsWith(dir, "//")) {
            dir.erase(0, 1);
        }
        for (const auto system : kSystemDirs) {
            if (dir == system || startsWith(dir, std::string(system) + "/")) {
                FindingDraft draft;
                draft.object = refOf(image);
                draft.evidence = evidenceText("Config.WorkingDir = \"" + image.config.workingDir + "\"");
                draft.dockerfile = std::string(kDockerfile);
                out.add(info(), std::move(draft));
                return;
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSystemWorkdirRule)
{
    return std::make_unique<SystemWorkdir>();
}

} // namespace drydock
