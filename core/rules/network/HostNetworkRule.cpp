#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/ContainerNetworking.h"
#include "core/rules/network/PublishedPorts.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-001",
    .area = Area::Network,
    .defaultSeverity = Severity::High,
    .cis = cis("5.10"),
    .title = "Container uses the host network",
    .rationale = "On the host network the container shares the host's interfaces: it reaches services that "
                 "listen only on the host's loopback (a loopback-only Docker API included), can bind any host "
                 "port and, with NET_RAW, sniff host traffic.",
    .fix = "Put the container on a user-defined bridge network (docker network create appnet) and publish only "
           "the ports it serves, on 127.0.0.1 unless other machines need them.",
    .practice = "Isolate container networking (OWASP Docker #5)",
};

// NET-001: the remediation keeps the image's exposed ports reachable from this host by publishing each on
// loopback under its own number, which is what a host-network client used.
class HostNetworkRule : public ContainerRule
{
public:
    HostNetworkRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (container.hostConfig.networkMode != "host") {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.NetworkMode = host";
        draft.edits = moveToNetwork(container, "appnet");
        for (const auto& port : container.config.exposedPorts) {
            if (portNumber(port) > 0) {
                draft.edits.push_back(publishOnLoopback(port, std::to_string(portNumber(port))));
            }
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeHostNetworkRule) { return std::make_unique<HostNetworkRule>(); }

} // namespace drydock
