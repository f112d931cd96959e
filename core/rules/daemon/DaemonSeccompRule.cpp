#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-010",
    .area = Area::Daemon,
    .defaultSeverity = Severity::High,
    .cis = cis("2.17"),
    .title = "Weak daemon-wide seccomp setting",
    .rationale =
        "Without the default seccomp profile, containers can call the whole kernel syscall surface, "
        "including the calls most container escapes rely on. A custom profile is fine only if someone "
        "has reviewed it.",
    .fix =
        "Use Docker's default profile, or a reviewed custom one. In /etc/docker/daemon.json remove\n"
        "  \"seccomp-profile\": \"unconfined\"\n"
        "(or point it at a reviewed profile file), make sure the kernel has CONFIG_SECCOMP, and restart the "
        "daemon.",
    .practice = "Limit capabilities and syscalls (OWASP #3, #6)"};

// Tiers: unconfined or no seccomp support at all is high; a custom profile path is info (review it);
// the built-in profile ("default", or "builtin" on newer engines) passes.
class DaemonSeccompRule final : public BasicRule
{
public:
    DaemonSeccompRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon)) {
            return;
        }
        const auto profile = daemonfacts::securityOptionValue(daemon, "seccomp", "profile");
        FindingDraft draft;
        if (!profile) {
            draft = daemonfacts::daemonDraft(context.inventory(), "SecurityOptions has no name=seccomp item");
            draft.severity = Severity::High;
        } else if (*profile == "unconfined") {
            draft = daemonfacts::daemonDraft(context.inventory(),
                                             "SecurityOptions: name=seccomp,profile=unconfined");
            draft.severity = Severity::High;
        } else if (profile->empty() || *profile == "default" || *profile == "builtin") {
            return;
        } else {
            draft = daemonfacts::daemonDraft(
                context.inventory(), "SecurityOptions: name=seccomp,profile=" + *profile + " (custom)");
            draft.severity = Severity::Info;
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeDaemonSeccompRule)
{
    return std::make_unique<DaemonSeccompRule>();
}

} // namespace drydock
