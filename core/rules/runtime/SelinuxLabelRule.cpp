#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/runtime/SecurityOpt.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-004",
    .area = Area::Runtime,
    .defaultSeverity = Severity::High,
    .cis = cis("5.3"),
    .title = "SELinux labelling disabled",
    .rationale = "On an SELinux host the container's process label confines it even after a break-out; with "
                 "labelling disabled the process runs unconfined.",
    .fix = "Keep SELinux labels on; relabel bind mounts with :z or :Z instead of disabling labelling.",
    .practice = "Use a Linux security module such as SELinux (OWASP Docker #6)",
};

// RUN-004: applies only when the daemon reports SELinux, where an empty ProcessLabel means no confinement.
class SelinuxLabelRule : public ContainerRule
{
public:
    SelinuxLabelRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        if (!context.inventory().daemon.hasSecurityOption("selinux")) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        for (const auto& opt : securityOptsWithKey(container.hostConfig.securityOpt, "label")) {
            if (opt.value == "disable") {
                draft.evidence = "HostConfig.SecurityOpt has " + opt.text;
                draft.edits.push_back({RunEdit::Op::RemoveValue, "--security-opt", opt.text});
            }
        }
        if (draft.evidence.empty() && container.processLabel.empty()) {
            draft.evidence = "ProcessLabel = \"\"";
        }
        if (!draft.evidence.empty()) {
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSelinuxLabelRule) { return std::make_unique<SelinuxLabelRule>(); }

} // namespace drydock
