#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-015",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.13"),
    .title = "Logging off or unbounded",
    .rationale = "With the none driver nothing the container prints is kept, so there is no trail to "
                 "investigate; json-file without max-size grows until the disk is full.",
    .fix = "Keep logs and rotate them (--log-opt max-size=10m --log-opt max-file=3), or forward them with a "
           "remote driver such as syslog.",
    .practice = "Keep and rotate container logs",
};

// RUN-015: no logs at all is an audit gap (medium); unrotated json-file logs are a disk-space risk (low).
// Dropping --log-driver none falls back to the daemon's default driver.
class LoggingRule : public ContainerRule
{
public:
    LoggingRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const LogConfig& log = container.hostConfig.logConfig;
        FindingDraft draft;
        draft.object = refOf(container);
        if (log.type == "none") {
            draft.evidence = "HostConfig.LogConfig.Type = none";
            draft.severity = Severity::Medium;
            draft.edits = {{RunEdit::Op::RemoveFlag, "--log-driver", ""}};
            out.add(info(), std::move(draft));
            return;
        }
        if (log.type != "json-file" || log.config.count("max-size")) {
            return;
        }
        draft.evidence = "HostConfig.LogConfig = json-file without max-size";
        draft.severity = Severity::Low;
        draft.edits = {{RunEdit::Op::AddFlag, "--log-opt", "max-size=10m"}};
        if (!log.config.count("max-file")) {
            draft.edits.push_back({RunEdit::Op::AddFlag, "--log-opt", "max-file=3"});
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeLoggingRule) { return std::make_unique<LoggingRule>(); }

} // namespace drydock
