#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-006",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.9"),
    .title = "No user-namespace remapping and not rootless",
    .rationale = "UID 0 in a container is UID 0 on the host. Any escape, or any writable host mount, acts "
                 "with full root rights on the host.",
    .fix =
        "Remap container users to an unprivileged range, or run the daemon rootless. In "
        "/etc/docker/daemon.json:\n"
        "  \"userns-remap\": \"default\"\n"
        "then restart the daemon (existing images and volumes are stored per remapping and need re-pulling "
        "or a chown). Alternatively install rootless mode (dockerd-rootless-setuptool.sh install).",
    .practice = "Set a user: run without root privileges (OWASP #2, #11)"};

// SecurityOptions carries name=userns or name=rootless when container root is not host root.
class UserNamespaceRule final : public BasicRule
{
public:
    UserNamespaceRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon) || context.daemonRemapsRoot()) {
            return;
        }
        out.add(info(),
                daemonfacts::daemonDraft(context.inventory(),
                                         "SecurityOptions has neither name=userns nor name=rootless"));
    }
};

} // namespace

DRYDOCK_RULE(makeUserNamespaceRule)
{
    return std::make_unique<UserNamespaceRule>();
}

} // namespace drydock
