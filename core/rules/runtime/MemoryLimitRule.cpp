#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-006",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.11"),
    .title = "No memory limit",
    .rationale = "A container without a memory limit can take all of the host's RAM, whether through a leak, a "
                 "load spike or an attack, and the kernel then kills processes elsewhere.",
    .fix = "Set a hard memory limit sized for the application, with swap equal to it (no extra swap).",
    .practice = "Limit resources: memory (OWASP Docker #7)",
};

// RUN-006: Memory 0 means unlimited. 512m is a starting point the person adjusts to the workload.
class MemoryLimitRule : public ContainerRule
{
public:
    MemoryLimitRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (container.hostConfig.memory != 0) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.Memory = 0 (unlimited)";
        if (container.hostConfig.memorySwap != 0) {
            draft.edits.push_back({RunEdit::Op::RemoveFlag, "--memory-swap", ""});
        }
        draft.edits.push_back({RunEdit::Op::AddFlag, "--memory", "512m"});
        draft.edits.push_back({RunEdit::Op::AddFlag, "--memory-swap", "512m"});
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeMemoryLimitRule) { return std::make_unique<MemoryLimitRule>(); }

} // namespace drydock
