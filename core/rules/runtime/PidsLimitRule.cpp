#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-009",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.29"),
    .title = "No PIDs limit",
    .rationale = "Without a process limit a fork bomb inside the container exhausts the host's process table and "
                 "takes every other workload down with it.",
    .fix = "Limit the number of processes with --pids-limit, sized for the application.",
    .practice = "Limit resources: processes (OWASP Docker #7)",
};

// RUN-009: the API rewrites 0 and -1 to null (unlimited); a stored value <= 0 is unlimited as well.
class PidsLimitRule : public ContainerRule
{
public:
    PidsLimitRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const auto& limit = container.hostConfig.pidsLimit;
        if (limit && *limit > 0) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        if (limit) {
            draft.evidence = "HostConfig.PidsLimit = " + std::to_string(*limit) + " (unlimited)";
            draft.edits.push_back({RunEdit::Op::RemoveFlag, "--pids-limit", ""});
        } else {
            draft.evidence = "HostConfig.PidsLimit = null (unlimited)";
        }
        draft.edits.push_back({RunEdit::Op::AddFlag, "--pids-limit", "256"});
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makePidsLimitRule) { return std::make_unique<PidsLimitRule>(); }

} // namespace drydock
