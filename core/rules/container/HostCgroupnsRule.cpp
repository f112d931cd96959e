#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-009",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Host cgroup namespace shared",
    .rationale = "In the host cgroup namespace the container sees the host's whole cgroup tree, which leaks "
                 "what else runs on the host and is a step in several escape techniques.",
    .fix = "Run with --cgroupns private (the default on cgroup v2 hosts).",
    .practice = "Keep containers in their own namespaces"};

// Flags containers in the host cgroup namespace; graded by whether that was an explicit choice.
class HostCgroupnsRule final : public ContainerRule
{
public:
    HostCgroupnsRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.cgroupnsMode != "host") {
            return;
        }
        FindingDraft draft = containerDraft(c, "HostConfig.CgroupnsMode = host",
                                            {removeFlag("--cgroupns"), addFlag("--cgroupns", "private")});
        // On cgroup v1 "host" is the daemon default (§0.1.6), so it is context, not a choice someone made.
        if (context.inventory().daemon.cgroupVersion != "2") {
            draft.severity = Severity::Info;
            draft.evidence += " (cgroup v1 default)";
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeHostCgroupnsRule)
{
    return std::make_unique<HostCgroupnsRule>();
}

} // namespace drydock
