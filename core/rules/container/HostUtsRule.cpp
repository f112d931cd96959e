#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-007",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.21"),
    .title = "Host UTS namespace shared",
    .rationale =
        "With --uts host the container sees the host's name and, with CAP_SYS_ADMIN, can rename the host.",
    .fix = "Remove --uts host; set a container hostname with --hostname if the application needs one.",
    .practice = "Keep containers in their own namespaces"};

// Flags containers that share the host's UTS namespace.
class HostUtsRule final : public ContainerRule
{
public:
    HostUtsRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.utsMode != "host") {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.UTSMode = host", {removeFlag("--uts")}));
    }
};

} // namespace

DRYDOCK_RULE(makeHostUtsRule)
{
    return std::make_unique<HostUtsRule>();
}

} // namespace drydock
