#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-015",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis(""), // context for CIS 5.2/5.3, not a control of its own
    .title = "No mandatory access control on the host",
    .rationale =
        "Neither AppArmor nor SELinux is active for containers, so one confinement layer is missing: "
        "a process that escapes the namespaces meets no second policy. The AppArmor and SELinux "
        "container checks (RUN-003/RUN-004) cannot apply.",
    .fix = "Enable AppArmor (Debian/Ubuntu: apt install apparmor apparmor-utils, boot with apparmor=1 "
           "security=apparmor) or SELinux (Fedora/RHEL: enforcing mode with container-selinux, and "
           "\"selinux-enabled\": true in /etc/docker/daemon.json), then restart the daemon.",
    .practice = "Use Linux security modules: seccomp, AppArmor, SELinux (OWASP #6)"};

// The daemon lists name=apparmor or name=selinux in SecurityOptions only when the module is active for it.
class MacLayerRule final : public BasicRule
{
public:
    MacLayerRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon) || daemon.hasSecurityOption("apparmor") ||
            daemon.hasSecurityOption("selinux")) {
            return;
        }
        out.add(info(),
                daemonfacts::daemonDraft(context.inventory(),
                                         "SecurityOptions has neither name=apparmor nor name=selinux"));
    }
};

} // namespace

DRYDOCK_RULE(makeMacLayerRule)
{
    return std::make_unique<MacLayerRule>();
}

} // namespace drydock
