#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-002",
    .area = Area::Container,
    .defaultSeverity = Severity::Critical,
    .cis = cis("5.5"),
    .title = "Privileged container",
    .rationale = "--privileged grants every capability and every host device and turns off seccomp, "
                 "AppArmor/SELinux and path masking. Taking over the host from such a container is trivial.",
    .fix = "Remove --privileged and grant only the exact capability or device the workload uses "
           "(e.g. --cap-add NET_ADMIN or --device /dev/ttyUSB0).",
    .practice = "Never run privileged containers"};

// Flags containers started with --privileged.
class PrivilegedRule final : public ContainerRule
{
public:
    PrivilegedRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (!c.hostConfig.privileged) {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.Privileged = true", {removeFlag("--privileged")}));
    }
};

} // namespace

DRYDOCK_RULE(makePrivilegedRule)
{
    return std::make_unique<PrivilegedRule>();
}

} // namespace drydock
