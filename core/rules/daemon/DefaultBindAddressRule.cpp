#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-018",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "Published ports bind to every interface by default",
    .rationale =
        "A plain -p 8080:80 listens on 0.0.0.0, so on a laptop or workstation a port meant for local "
        "testing is quietly reachable from the whole network (and Docker's iptables rules bypass "
        "host firewalls such as ufw).",
    .fix = "Make loopback the default bind address and publish on other interfaces only on purpose. In "
           "/etc/docker/daemon.json:\n"
           "  \"ip\": \"127.0.0.1\"\n"
           "then restart the daemon; use -p 0.0.0.0:8080:80 where a port really must be public.",
    .practice = "Limit inter-container connectivity; publish only what is needed (OWASP #5a)"};

// An absent host_binding_ipv4 option means the daemon default, 0.0.0.0.
class DefaultBindAddressRule final : public BasicRule
{
public:
    DefaultBindAddressRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        const Network* bridge = inventory.defaultBridge();
        if (!bridge) {
            return;
        }
        const auto it = bridge->options.find("com.docker.network.bridge.host_binding_ipv4");
        if (it == bridge->options.end() || it->second.empty()) {
            out.add(info(),
                    daemonfacts::daemonDraft(
                        inventory,
                        "network " + bridge->name +
                            ": com.docker.network.bridge.host_binding_ipv4 not set (default 0.0.0.0)"));
        } else if (it->second == "0.0.0.0") {
            out.add(info(), daemonfacts::daemonDraft(
                                inventory, "network " + bridge->name +
                                               ": com.docker.network.bridge.host_binding_ipv4 = 0.0.0.0"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDefaultBindAddressRule)
{
    return std::make_unique<DefaultBindAddressRule>();
}

} // namespace drydock
