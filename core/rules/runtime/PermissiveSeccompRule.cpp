#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/runtime/SecurityOpt.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-002",
    .area = Area::Runtime,
    .defaultSeverity = Severity::High,
    .cis = cis("5.22"),
    .title = "Permissive custom seccomp profile",
    .rationale = "A custom seccomp profile whose default action allows (or only logs) every system call it does "
                 "not list filters almost nothing: it is as good as running unconfined.",
    .fix = "Start from Docker's default profile (defaultAction SCMP_ACT_ERRNO) and allow-list the extra system "
           "calls the application needs; store it as a file and pass --security-opt seccomp=<file>.",
    .practice = "Restrict system calls with seccomp (OWASP Docker #6)",
};

// RUN-002: the docker CLI inlines a custom profile as "seccomp={…}"; a permissive default action defeats it.
class PermissiveSeccompRule : public ContainerRule
{
public:
    PermissiveSeccompRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        for (const auto& opt : securityOptsWithKey(container.hostConfig.securityOpt, "seccomp")) {
            if (opt.value.empty() || opt.value.front() != '{') {
                continue;
            }
            const auto action = seccompDefaultAction(opt.value);
            if (!action || (*action != "SCMP_ACT_ALLOW" && *action != "SCMP_ACT_LOG")) {
                continue;
            }
            // Dropping the custom profile falls back to Docker's default one, which is deny-by-default.
            FindingDraft draft;
            draft.object = refOf(container);
            draft.evidence = "HostConfig.SecurityOpt seccomp profile defaultAction = " + *action;
            draft.edits = {{RunEdit::Op::RemoveValue, "--security-opt", opt.text}};
            out.add(info(), std::move(draft));
            return;
        }
    }
};

} // namespace

DRYDOCK_RULE(makePermissiveSeccompRule) { return std::make_unique<PermissiveSeccompRule>(); }

} // namespace drydock
