#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{.id = "CTR-005",
                         .area = Area::Container,
                         .defaultSeverity = Severity::High,
                         .cis = cis("5.16"),
                         .title = "Host PID namespace shared",
                         .rationale = "With --pid host the container sees and can signal every host process; "
                                      "with root or CAP_SYS_PTRACE it can read their memory and environment.",
                         .fix = "Remove --pid host and keep the container in its own PID namespace.",
                         .practice = "Keep containers in their own namespaces"};

// Flags containers that share the host's PID namespace.
class HostPidRule final : public ContainerRule
{
public:
    HostPidRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.pidMode != "host") {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.PidMode = host", {removeFlag("--pid")}));
    }
};

} // namespace

DRYDOCK_RULE(makeHostPidRule)
{
    return std::make_unique<HostPidRule>();
}

} // namespace drydock
