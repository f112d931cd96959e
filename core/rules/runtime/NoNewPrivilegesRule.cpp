#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/runtime/SecurityOpt.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-005",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.26"),
    .title = "Privilege escalation not blocked",
    .rationale = "Without no_new_privs, setuid binaries and file capabilities inside the container can raise "
                 "a process's privileges (for example from an application user back to root).",
    .fix = "Run with --security-opt no-new-privileges:true (or set \"no-new-privileges\": true in daemon.json).",
    .practice = "Prevent in-container privilege escalation (OWASP Docker #4)",
};

// RUN-005: dockerd reads every no-new-privileges entry in order and the last one wins, so
// "no-new-privileges=false" (which docker-bench's substring match accepts) counts as missing.
class NoNewPrivilegesRule : public ContainerRule
{
public:
    NoNewPrivilegesRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const auto opts = securityOptsWithKey(container.hostConfig.securityOpt, "no-new-privileges");
        bool enabled = false;
        for (const auto& opt : opts) {
            enabled = opt.value.empty() || parseGoBool(opt.value).value_or(false);
        }
        if (enabled) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = opts.empty() ? "HostConfig.SecurityOpt lacks no-new-privileges"
                                      : "HostConfig.SecurityOpt has " + opts.back().text;
        for (const auto& opt : opts) {
            draft.edits.push_back({RunEdit::Op::RemoveValue, "--security-opt", opt.text});
        }
        draft.edits.push_back({RunEdit::Op::AddFlag, "--security-opt", "no-new-privileges:true"});
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeNoNewPrivilegesRule) { return std::make_unique<NoNewPrivilegesRule>(); }

} // namespace drydock
