#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-017",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Bridged traffic bypasses iptables",
    .rationale = "With bridge-nf-call-iptables off, packets between containers on a bridge never pass the "
                 "firewall, so \"icc\": false and Docker's port rules do not apply to them.",
    .fix = "Load br_netfilter and turn the sysctls on, persistently:\n"
           "  echo br_netfilter > /etc/modules-load.d/br_netfilter.conf\n"
           "  printf 'net.bridge.bridge-nf-call-iptables=1\\nnet.bridge.bridge-nf-call-ip6tables=1\\n' > "
           "/etc/sysctl.d/99-bridge-nf.conf\n"
           "then modprobe br_netfilter && sysctl --system, and restart the daemon.",
    .practice = "Limit inter-container connectivity (OWASP #5)"};

// API 1.41 reports BridgeNfIptables/BridgeNfIp6tables; newer APIs dropped the fields (the model then keeps
// its default true), so the daemon's warning text is read as well.
class BridgeNetfilterRule final : public BasicRule
{
public:
    BridgeNetfilterRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon)) {
            return;
        }
        std::vector<std::string> parts;
        if (!daemon.bridgeNfIptables ||
            daemonfacts::hasWarning(daemon, "bridge-nf-call-iptables is disabled")) {
            parts.push_back(!daemon.bridgeNfIptables ? "BridgeNfIptables = false"
                                                     : "Warnings: bridge-nf-call-iptables is disabled");
        }
        if (!daemon.bridgeNfIp6tables ||
            daemonfacts::hasWarning(daemon, "bridge-nf-call-ip6tables is disabled")) {
            parts.push_back(!daemon.bridgeNfIp6tables ? "BridgeNfIp6tables = false"
                                                      : "Warnings: bridge-nf-call-ip6tables is disabled");
        }
        if (parts.empty()) {
            return;
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), join(parts, "; ")));
    }
};

} // namespace

DRYDOCK_RULE(makeBridgeNetfilterRule)
{
    return std::make_unique<BridgeNetfilterRule>();
}

} // namespace drydock
