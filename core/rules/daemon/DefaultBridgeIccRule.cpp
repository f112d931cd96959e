#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-003",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.2"),
    .title = "Containers on the default bridge can talk to each other",
    .rationale = "Inter-container communication is on for docker0, so every container on the default bridge "
                 "reaches every port of every other one. One compromised container can probe and attack all "
                 "its neighbours.",
    .fix = "Turn ICC off for the default bridge and put containers that must talk to each other on a "
           "user-defined network. In /etc/docker/daemon.json:\n"
           "  \"icc\": false\n"
           "then restart the daemon; create networks with `docker network create app-net` and attach with "
           "--network app-net.",
    .practice = "Limit inter-container connectivity (OWASP #5)"};

// Reads the default bridge's enable_icc option. An absent option means the daemon default, which is on.
class DefaultBridgeIccRule final : public BasicRule
{
public:
    DefaultBridgeIccRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        const Network* bridge = inventory.defaultBridge();
        if (!bridge) {
            return; // no docker0 (e.g. "bridge": "none"): nothing to judge
        }
        const auto it = bridge->options.find("com.docker.network.bridge.enable_icc");
        if (it == bridge->options.end()) {
            out.add(info(),
                    daemonfacts::daemonDraft(
                        inventory, "network " + bridge->name +
                                       ": com.docker.network.bridge.enable_icc not set (default true)"));
        } else if (it->second == "true") {
            out.add(info(),
                    daemonfacts::daemonDraft(inventory, "network " + bridge->name +
                                                            ": com.docker.network.bridge.enable_icc = true"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDefaultBridgeIccRule)
{
    return std::make_unique<DefaultBridgeIccRule>();
}

} // namespace drydock
