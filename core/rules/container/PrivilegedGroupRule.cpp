#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

#include <array>
#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-018",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Privileged supplementary group added",
    .rationale = "Groups such as root, docker, disk, kmem, shadow or adm open host files and devices that "
                 "are mounted or passed into the container (the docker group opens the API socket, disk the "
                 "raw disks).",
    .fix = "Remove the --group-add entry, or grant access to the one file that needs it.",
    .practice = "Do not add privileged groups"};

// The catalogue's list; GID 0 in any spelling is root.
bool isPrivilegedGroup(const std::string& group)
{
    static constexpr std::array<std::string_view, 8> names{"root",   "docker", "disk", "kmem",
                                                           "shadow", "adm",    "sudo", "wheel"};
    if (!group.empty() && group.find_first_not_of('0') == std::string::npos) {
        return true;
    }
    for (const auto n : names) {
        if (group == n) {
            return true;
        }
    }
    return false;
}

// Reports each privileged group in HostConfig.GroupAdd.
class PrivilegedGroupRule final : public ContainerRule
{
public:
    PrivilegedGroupRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        std::set<std::string> seen;
        for (const auto& raw : c.hostConfig.groupAdd) {
            const std::string group = trim(raw);
            if (!isPrivilegedGroup(group) || !seen.insert(group).second) {
                continue;
            }
            FindingDraft draft =
                containerDraft(c, "HostConfig.GroupAdd contains " + group, {removeValue("--group-add", raw)});
            draft.discriminator = group;
            draft.titleSuffix = ": " + group;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makePrivilegedGroupRule)
{
    return std::make_unique<PrivilegedGroupRule>();
}

} // namespace drydock
