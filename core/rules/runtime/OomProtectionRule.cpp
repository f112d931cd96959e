#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-010",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "OOM protection misused",
    .rationale = "Shielding a container from the kernel's out-of-memory killer makes the kernel kill other "
                 "processes instead; without a memory limit the container can then take the whole host down.",
    .fix = "Remove --oom-kill-disable and --oom-score-adj, or pair --oom-kill-disable with a --memory limit.",
    .practice = "Limit resources: memory (OWASP Docker #7)",
};

// RUN-010: two independent misuses, each its own finding. --oom-kill-disable without a memory limit is the
// combination Docker itself warns about (medium); a negative score only shifts the OOM victim (low).
class OomProtectionRule : public ContainerRule
{
public:
    OomProtectionRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const HostConfig& host = container.hostConfig;
        if (host.oomKillDisable.value_or(false) && host.memory == 0) {
            report(container, "oom-kill-disable", "HostConfig.OomKillDisable = true with Memory = 0",
                   Severity::Medium, out);
        }
        if (host.oomScoreAdj < 0) {
            report(container, "oom-score-adj", "HostConfig.OomScoreAdj = " + std::to_string(host.oomScoreAdj),
                   Severity::Low, out);
        }
    }

private:
    // The discriminator doubles as the flag to drop.
    void report(const Container& container, const std::string& setting, std::string evidence, Severity severity,
                FindingCollector& out) const
    {
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = std::move(evidence);
        draft.severity = severity;
        draft.discriminator = setting;
        draft.edits = {{RunEdit::Op::RemoveFlag, "--" + setting, ""}};
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeOomProtectionRule) { return std::make_unique<OomProtectionRule>(); }

} // namespace drydock
