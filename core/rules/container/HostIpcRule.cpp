#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{.id = "CTR-006",
                         .area = Area::Container,
                         .defaultSeverity = Severity::High,
                         .cis = cis("5.17"),
                         .title = "Host IPC namespace shared",
                         .rationale = "With --ipc host the container reaches the host's shared memory "
                                      "segments, semaphores and message queues.",
                         .fix = "Remove --ipc host. To share memory with one peer, use --ipc shareable on "
                                "the peer and --ipc container:<peer>.",
                         .practice = "Keep containers in their own namespaces"};

// Flags containers that share the host's IPC namespace.
class HostIpcRule final : public ContainerRule
{
public:
    HostIpcRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.ipcMode != "host") {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.IpcMode = host", {removeFlag("--ipc")}));
    }
};

} // namespace

DRYDOCK_RULE(makeHostIpcRule)
{
    return std::make_unique<HostIpcRule>();
}

} // namespace drydock
