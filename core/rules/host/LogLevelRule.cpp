#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-019",
    .area = Area::Host,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.3"),
    .title = "The daemon's log level is not info",
    .rationale =
        "At info the daemon records the events an investigation needs (container starts, API errors) without "
        "the volume and the request details that debug writes; warn, error or fatal leave gaps.",
    .fix = "Remove --log-level/-l/--debug from dockerd's command line (systemd drop-in "
           "/etc/systemd/system/docker.service.d/*.conf) and set in /etc/docker/daemon.json:\n  "
           "\"log-level\": \"info\"\nthen systemctl restart docker.",
    .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when log-level (or --debug) asks for anything but info; an unset level is info.
class LogLevelRule final : public BasicRule
{
public:
    LogLevelRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.3");
        if (facts == nullptr) {
            return;
        }
        const std::string debug = hostfacts::settingValue(*facts, "debug", "false");
        const std::string level = hostfacts::settingValue(*facts, "log-level", "info");
        if (debug == "true") {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "debug", "false")));
        } else if (level != "info") {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "log-level", "info")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeLogLevelRule)
{
    return std::make_unique<LogLevelRule>();
}

} // namespace drydock
