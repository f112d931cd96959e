#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-008",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.12"),
    .title = "No CPU limit",
    .rationale = "A container with neither a CPU cap nor a CPU weight can starve its neighbours and the host.",
    .fix = "Cap CPU with --cpus, or weight it against other containers with --cpu-shares.",
    .practice = "Limit resources: CPU (OWASP Docker #7)",
};

// RUN-008: any of a cap (NanoCpus, CpuQuota), a weight (CpuShares) or pinned CPUs (CpusetCpus) counts as a limit.
class CpuLimitRule : public ContainerRule
{
public:
    CpuLimitRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const HostConfig& host = container.hostConfig;
        if (host.nanoCpus != 0 || host.cpuQuota != 0 || host.cpuShares != 0 || !host.cpusetCpus.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.NanoCpus, CpuQuota and CpuShares = 0, CpusetCpus empty";
        draft.edits = {{RunEdit::Op::AddFlag, "--cpus", "1.0"}};
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeCpuLimitRule) { return std::make_unique<CpuLimitRule>(); }

} // namespace drydock
