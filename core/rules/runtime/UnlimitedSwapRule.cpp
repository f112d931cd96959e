#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-007",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Unlimited swap",
    .rationale = "With --memory-swap -1 the process may use unlimited swap on top of its memory limit, so the "
                 "limit no longer caps what it takes from the host.",
    .fix = "Set --memory-swap equal to --memory so the container gets no swap beyond its limit.",
    .practice = "Limit resources: memory (OWASP Docker #7)",
};

// A byte count in the unit suffixes `docker run --memory` accepts, using the largest exact unit.
std::string memoryFlagValue(std::int64_t bytes)
{
    constexpr std::int64_t kib = 1024;
    if (bytes % (kib * kib * kib) == 0) {
        return std::to_string(bytes / (kib * kib * kib)) + "g";
    }
    if (bytes % (kib * kib) == 0) {
        return std::to_string(bytes / (kib * kib)) + "m";
    }
    if (bytes % kib == 0) {
        return std::to_string(bytes / kib) + "k";
    }
    return std::to_string(bytes);
}

// RUN-007: only meaningful with a memory limit; without one RUN-006 already fires.
class UnlimitedSwapRule : public ContainerRule
{
public:
    UnlimitedSwapRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const HostConfig& host = container.hostConfig;
        if (host.memory <= 0 || host.memorySwap != -1) {
            return;
        }
        const std::string memory = memoryFlagValue(host.memory);
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.MemorySwap = -1 with Memory = " + memory;
        draft.edits = {{RunEdit::Op::RemoveFlag, "--memory-swap", ""}, {RunEdit::Op::AddFlag, "--memory-swap", memory}};
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeUnlimitedSwapRule) { return std::make_unique<UnlimitedSwapRule>(); }

} // namespace drydock
