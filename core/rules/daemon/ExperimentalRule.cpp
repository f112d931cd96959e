#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-011",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.18"),
    .title = "Experimental features are on",
    .rationale = "Experimental code paths get less review and no stability promise; they widen the attack "
                 "surface of a daemon that runs as root.",
    .fix = "Turn them off unless you use one on purpose. In /etc/docker/daemon.json:\n"
           "  \"experimental\": false\n"
           "then restart the daemon.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// Reads /info ExperimentalBuild, and the Engine component of /version for daemons that only report it there.
class ExperimentalRule final : public BasicRule
{
public:
    ExperimentalRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemon.experimentalBuild) {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "ExperimentalBuild = true"));
            return;
        }
        const ComponentVersion* engine = daemonfacts::component(daemon, "Engine");
        if (engine) {
            const auto it = engine->details.find("Experimental");
            if (it != engine->details.end() && it->second == "true") {
                out.add(info(), daemonfacts::daemonDraft(context.inventory(),
                                                         "Components[Engine].Details.Experimental = true"));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeExperimentalRule)
{
    return std::make_unique<ExperimentalRule>();
}

} // namespace drydock
