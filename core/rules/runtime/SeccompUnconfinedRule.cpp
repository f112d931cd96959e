#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/runtime/SecurityOpt.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-001",
    .area = Area::Runtime,
    .defaultSeverity = Severity::High,
    .cis = cis("5.22"),
    .title = "Seccomp disabled",
    .rationale = "Without a seccomp filter every system call is reachable from the container, including dozens "
                 "that applications never need and that make up a large part of the kernel's attack surface.",
    .fix = "Run with Docker's default seccomp profile, or a custom deny-by-default profile that allows only the "
           "extra system calls the application needs.",
    .practice = "Restrict system calls with seccomp (OWASP Docker #6)",
};

// RUN-001: seccomp=unconfined in either separator form; --privileged switches the filter off as well.
class SeccompUnconfinedRule : public ContainerRule
{
public:
    SeccompUnconfinedRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        FindingDraft draft;
        draft.object = refOf(container);
        for (const auto& opt : securityOptsWithKey(container.hostConfig.securityOpt, "seccomp")) {
            if (opt.value == "unconfined") {
                draft.evidence = "HostConfig.SecurityOpt has " + opt.text;
                draft.edits.push_back({RunEdit::Op::RemoveValue, "--security-opt", opt.text});
            }
        }
        // Removing --privileged belongs to the privileged-container rule, so that case carries no edit here.
        if (draft.evidence.empty() && container.hostConfig.privileged) {
            draft.evidence = "HostConfig.Privileged = true (no seccomp filter)";
        }
        if (!draft.evidence.empty()) {
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSeccompUnconfinedRule) { return std::make_unique<SeccompUnconfinedRule>(); }

} // namespace drydock
