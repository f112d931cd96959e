#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-020",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.25"),
    .title = "cgroup parent overridden",
    .rationale = "--cgroup-parent moves the container out of the daemon's resource hierarchy, so limits "
                 "and accounting set there no longer apply to it.",
    .fix = "Remove --cgroup-parent and let the daemon place the container.",
    .practice = "Keep containers in the daemon's cgroup hierarchy"};

// Flags containers with HostConfig.CgroupParent set.
class CgroupParentRule final : public ContainerRule
{
public:
    CgroupParentRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.cgroupParent.empty()) {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.CgroupParent = " + c.hostConfig.cgroupParent,
                                       {removeFlag("--cgroup-parent")}));
    }
};

} // namespace

DRYDOCK_RULE(makeCgroupParentRule)
{
    return std::make_unique<CgroupParentRule>();
}

} // namespace drydock
