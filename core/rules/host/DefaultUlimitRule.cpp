#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{.id = "HST-021",
                         .area = Area::Host,
                         .defaultSeverity = Severity::Info,
                         .cis = cis("2.8"),
                         .title = "No default ulimits for containers",
                         .rationale =
                             "Without default-ulimits every container inherits the daemon's limits (often "
                             "very high open-file and process counts); one container can exhaust them for "
                             "the whole host. The benchmark leaves the values to you (manual item).",
                         .fix = "In /etc/docker/daemon.json:\n  \"default-ulimits\": {\"nofile\": {\"Name\": "
                                "\"nofile\", \"Soft\": 1024, \"Hard\": 4096}, \"nproc\": {\"Name\": "
                                "\"nproc\", \"Soft\": 1024, \"Hard\": 2048}}\nthen systemctl restart docker.",
                         .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when no default ulimit is set; which values fit is the operator's choice.
class DefaultUlimitRule final : public BasicRule
{
public:
    DefaultUlimitRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.8");
        if (facts == nullptr) {
            return;
        }
        if (facts->setting("default-ulimits") == nullptr) {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "default-ulimits", "")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDefaultUlimitRule)
{
    return std::make_unique<DefaultUlimitRule>();
}

} // namespace drydock
