#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{.id = "HST-024",
                         .area = Area::Host,
                         .defaultSeverity = Severity::Low,
                         .cis = cis("2.16"),
                         .title = "The userland proxy is enabled",
                         .rationale = "With the userland proxy every published port also runs a docker-proxy "
                                      "process that forwards traffic, a larger attack surface than the "
                                      "kernel's NAT rules alone; current kernels do hairpin NAT without it.",
                         .fix =
                             "In /etc/docker/daemon.json:\n  \"userland-proxy\": false\n(or "
                             "--userland-proxy=false in a systemd drop-in), then systemctl restart docker.",
                         .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires unless userland-proxy is false; the default is true.
class UserlandProxyRule final : public BasicRule
{
public:
    UserlandProxyRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.16");
        if (facts == nullptr) {
            return;
        }
        if (hostfacts::settingValue(*facts, "userland-proxy", "true") != "false") {
            out.add(info(), hostfacts::hostDraft(context.inventory(), hostfacts::settingEvidence(
                                                                          *facts, "userland-proxy", "true")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeUserlandProxyRule)
{
    return std::make_unique<UserlandProxyRule>();
}

} // namespace drydock
