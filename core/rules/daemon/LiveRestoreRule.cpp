#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-009",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.15"),
    .title = "Live restore is off",
    .rationale = "Every daemon restart or upgrade stops all containers, which makes people put off daemon "
                 "security updates.",
    .fix = "Keep containers running while the daemon restarts. In /etc/docker/daemon.json:\n"
           "  \"live-restore\": true\n"
           "then reload the daemon (systemctl reload docker). Not available in swarm mode.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// Live restore cannot be combined with swarm mode, so an active swarm node is not asked to turn it on.
class LiveRestoreRule final : public BasicRule
{
public:
    LiveRestoreRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemon.liveRestoreEnabled || daemon.swarm.localNodeState == "active") {
            return;
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), "LiveRestoreEnabled = false"));
    }
};

} // namespace

DRYDOCK_RULE(makeLiveRestoreRule)
{
    return std::make_unique<LiveRestoreRule>();
}

} // namespace drydock
