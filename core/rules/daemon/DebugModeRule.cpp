#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-012",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.3"),
    .title = "Daemon runs in debug mode",
    .rationale = "Debug logging records request details, which can include environment values and other "
                 "sensitive data, in logs that are kept and shipped with less care than secrets.",
    .fix = "Log at the info level. In /etc/docker/daemon.json remove \"debug\": true and set\n"
           "  \"log-level\": \"info\"\n"
           "then restart the daemon (and drop any --debug/-D from the service unit).",
    .practice = "Set up logging and monitoring (OWASP #13)"};

// /info Debug is true only for --debug or "debug": true; a quieter log-level cannot be seen through the API.
class DebugModeRule final : public BasicRule
{
public:
    DebugModeRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (context.inventory().daemon.debug) {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "Debug = true"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDebugModeRule)
{
    return std::make_unique<DebugModeRule>();
}

} // namespace drydock
