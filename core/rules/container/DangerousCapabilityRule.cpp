#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-003",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.4"),
    .title = "Dangerous capability added",
    .rationale = "Capabilities beyond Docker's default set widen what root in the container may do. "
                 "SYS_ADMIN, SYS_MODULE, SYS_RAWIO, DAC_READ_SEARCH and ALL are known escape paths (mounts, "
                 "kernel modules, raw I/O, file handles); NET_ADMIN, SYS_PTRACE, BPF and similar make host "
                 "interference materially easier.",
    .fix = "Drop every capability and add back only the ones the process uses: --cap-drop ALL "
           "--cap-add NET_BIND_SERVICE (for example) instead of --cap-add SYS_ADMIN.",
    .practice = "Add only the capabilities a container needs"};

// Reports each capability in HostConfig.CapAdd outside the default set, graded by how directly it escapes.
class DangerousCapabilityRule final : public ContainerRule
{
public:
    DangerousCapabilityRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const bool hostPid = c.hostConfig.pidMode == "host";
        const bool dropsAll = listHasCapability(c.hostConfig.capDrop, "ALL");
        std::set<std::string> seen; // "sys_admin" and "CAP_SYS_ADMIN" are one capability
        for (const auto& raw : c.hostConfig.capAdd) {
            const std::string capability = normaliseCapability(raw);
            const auto severity = addedCapabilitySeverity(capability, hostPid);
            if (!severity || !seen.insert(capability).second) {
                continue;
            }
            std::string evidence = "HostConfig.CapAdd contains " + capability;
            if (capability == "CAP_SYS_PTRACE" && hostPid) {
                evidence += " with HostConfig.PidMode = host";
            }
            std::vector<RunEdit> edits{removeValue("--cap-add", capabilityFlagValue(capability))};
            if (!dropsAll) {
                edits.push_back(addFlag("--cap-drop", "ALL"));
            }
            FindingDraft draft = containerDraft(c, std::move(evidence), std::move(edits));
            draft.severity = severity;
            draft.discriminator = capability;
            draft.titleSuffix = ": " + capability;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDangerousCapabilityRule)
{
    return std::make_unique<DangerousCapabilityRule>();
}

} // namespace drydock
