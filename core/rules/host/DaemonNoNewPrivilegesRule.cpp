#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-023",
    .area = Area::Host,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.14"),
    .title = "No daemon-wide no-new-privileges",
    .rationale = "Without it every container may gain privileges through setuid and setcap binaries unless "
                 "its own run command says --security-opt no-new-privileges. Setting it in the daemon "
                 "protects the containers nobody hardened.",
    .fix = "In /etc/docker/daemon.json:\n  \"no-new-privileges\": true\n(or --no-new-privileges in a systemd "
           "drop-in), then systemctl restart docker. Containers that really need setuid binaries then need "
           "--security-opt no-new-privileges=false.",
    .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when no-new-privileges is not true on the command line or in daemon.json.
class DaemonNoNewPrivilegesRule final : public BasicRule
{
public:
    DaemonNoNewPrivilegesRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.14");
        if (facts == nullptr) {
            return;
        }
        if (hostfacts::settingValue(*facts, "no-new-privileges", "false") != "true") {
            out.add(info(),
                    hostfacts::hostDraft(context.inventory(),
                                         hostfacts::settingEvidence(*facts, "no-new-privileges", "false")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDaemonNoNewPrivilegesRule)
{
    return std::make_unique<DaemonNoNewPrivilegesRule>();
}

} // namespace drydock
