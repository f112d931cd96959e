#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-008",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.13"),
    .title = "Container logs are not centralised",
    .rationale =
        "The default log driver keeps logs on this host only: an intruder who gets root can alter or "
        "delete them, and they are gone with the host. With \"none\" there are no logs at all.",
    .fix = "Forward logs to a remote collector. In /etc/docker/daemon.json, for example:\n"
           "  \"log-driver\": \"syslog\",\n"
           "  \"log-opts\": {\"syslog-address\": \"tcp://logs.example:514\"}\n"
           "then restart the daemon (running containers keep their old driver until recreated).",
    .practice = "Set up logging and monitoring (OWASP #13)"};

// Tiers: no logs at all is worse than local-only logs; journald usually feeds a host collector already.
class LoggingDriverRule final : public BasicRule
{
public:
    LoggingDriverRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const std::string& driver = context.inventory().daemon.loggingDriver;
        std::optional<Severity> severity;
        if (driver == "json-file" || driver == "local") {
            severity = Severity::Low;
        } else if (driver == "none") {
            severity = Severity::Medium;
        } else if (driver == "journald") {
            severity = Severity::Info;
        }
        if (!severity) {
            return; // a forwarding driver (syslog, fluentd, gelf, …) or unknown
        }
        auto draft = daemonfacts::daemonDraft(context.inventory(), "LoggingDriver = " + driver);
        draft.severity = severity;
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeLoggingDriverRule)
{
    return std::make_unique<LoggingDriverRule>();
}

} // namespace drydock
