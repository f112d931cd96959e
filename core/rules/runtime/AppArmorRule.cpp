#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/runtime/SecurityOpt.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-003",
    .area = Area::Runtime,
    .defaultSeverity = Severity::High,
    .cis = cis("5.2"),
    .title = "AppArmor profile missing or unconfined",
    .rationale = "On an AppArmor host the docker-default profile blocks mounts, writes to sensitive /proc and "
                 "/sys files and other escape steps; a container without a profile loses that mandatory "
                 "access control.",
    .fix = "Run with the docker-default profile or a custom AppArmor profile written for the application.",
    .practice = "Use a Linux security module such as AppArmor (OWASP Docker #6)",
};

// RUN-003: applies only when the daemon reports AppArmor; elsewhere an empty profile is the normal state.
class AppArmorRule : public ContainerRule
{
public:
    AppArmorRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        if (!context.inventory().daemon.hasSecurityOption("apparmor")) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        for (const auto& opt : securityOptsWithKey(container.hostConfig.securityOpt, "apparmor")) {
            if (opt.value == "unconfined") {
                draft.evidence = "HostConfig.SecurityOpt has " + opt.text;
                draft.edits.push_back({RunEdit::Op::RemoveValue, "--security-opt", opt.text});
            }
        }
        const std::string& profile = container.appArmorProfile;
        if (draft.evidence.empty() && (profile.empty() || profile == "unconfined")) {
            draft.evidence = "AppArmorProfile = \"" + profile + "\"";
        }
        if (draft.evidence.empty()) {
            return;
        }
        draft.edits.push_back({RunEdit::Op::AddFlag, "--security-opt", "apparmor=docker-default"});
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeAppArmorRule) { return std::make_unique<AppArmorRule>(); }

} // namespace drydock
