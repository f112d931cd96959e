#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/ContainerNetworking.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-002",
    .area = Area::Network,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.30"),
    .title = "Container on the default bridge",
    .rationale = "Everything on docker0 can reach everything else on it (inter-container communication is on "
                 "by default), and the default bridge has no DNS-based separation between applications.",
    .fix = "Give each application its own user-defined network (docker network create <app>-net) and run its "
           "containers with --network <app>-net.",
    .practice = "Isolate container networking (OWASP Docker #5)",
};

// NET-002: by network mode ("default" for a plain docker run, or "bridge"), or because docker0 was connected
// later; host, none and container: modes never sit on docker0.
class DefaultBridgeRule : public ContainerRule
{
public:
    DefaultBridgeRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (bypassesDockerNetworks(container)) {
            return;
        }
        const std::string& mode = container.hostConfig.networkMode;
        FindingDraft draft;
        draft.object = refOf(container);
        if (usesDefaultBridgeMode(container)) {
            draft.evidence = "HostConfig.NetworkMode = " + (mode.empty() ? std::string("default") : mode);
            draft.edits = moveToNetwork(container, dedicatedNetworkName(container));
        } else {
            // Connected after the start, so the run command does not carry it: the fix is a disconnect.
            bool onBridge = false;
            for (const auto& endpoint : container.networks) {
                onBridge = onBridge || endpoint.networkName == "bridge";
            }
            if (!onBridge) {
                return;
            }
            draft.evidence = "NetworkSettings.Networks has bridge";
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeDefaultBridgeRule) { return std::make_unique<DefaultBridgeRule>(); }

} // namespace drydock
