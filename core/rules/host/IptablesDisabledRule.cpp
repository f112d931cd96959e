#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-020",
    .area = Area::Host,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.4"),
    .title = "Docker may not change iptables",
    .rationale = "With iptables off the daemon neither isolates networks nor publishes ports through the "
                 "firewall it manages; people then open ports by hand, often wider than intended, and "
                 "inter-container rules silently stop applying.",
    .fix = "Remove --iptables=false from dockerd's command line and \"iptables\": false from "
           "/etc/docker/daemon.json (the default is true), then systemctl restart docker.",
    .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when iptables is set to false anywhere; the default is true.
class IptablesDisabledRule final : public BasicRule
{
public:
    IptablesDisabledRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.4");
        if (facts == nullptr) {
            return;
        }
        if (hostfacts::settingValue(*facts, "iptables", "true") == "false") {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "iptables", "true")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeIptablesDisabledRule)
{
    return std::make_unique<IptablesDisabledRule>();
}

} // namespace drydock
