#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-022",
    .area = Area::Host,
    .defaultSeverity = Severity::Info,
    .cis = cis("2.10"),
    .title = "The daemon puts containers under a non-default cgroup parent",
    .rationale =
        "cgroup-parent moves every container's resource accounting under another cgroup; that is fine when "
        "deliberate, but its limits then apply to all containers together. The benchmark asks to confirm it.",
    .fix = "If it is not deliberate, remove --cgroup-parent from dockerd's command line and "
           "\"cgroup-parent\" from /etc/docker/daemon.json, then systemctl restart docker.",
    .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when cgroup-parent is set at all (docker-bench's own daemon.json branch of this check never fires).
class DaemonCgroupParentRule final : public BasicRule
{
public:
    DaemonCgroupParentRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.10");
        if (facts == nullptr) {
            return;
        }
        if (const HostSetting* s = facts->setting("cgroup-parent"); s != nullptr && !s->value.empty()) {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "cgroup-parent", "")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDaemonCgroupParentRule)
{
    return std::make_unique<DaemonCgroupParentRule>();
}

} // namespace drydock
