#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-010",
    .area = Area::Network,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "macvlan or ipvlan network",
    .rationale = "Containers on a macvlan or ipvlan network sit directly on the LAN with their own addresses, "
                 "outside Docker's iptables rules and published-port model.",
    .fix = "Prefer a bridge network with published ports unless the containers truly need LAN addresses.",
    .practice = "Isolate container networking (OWASP Docker #5)",
};

// NET-010: context for the reviewer, not a defect in itself.
class DirectLanNetworkRule : public NetworkRule
{
public:
    DirectLanNetworkRule() : NetworkRule(kInfo) {}

protected:
    void check(const RuleContext&, const Network& network, FindingCollector& out) const override
    {
        if (network.driver != "macvlan" && network.driver != "ipvlan") {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(network);
        draft.evidence = "Driver = " + network.driver;
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeDirectLanNetworkRule) { return std::make_unique<DirectLanNetworkRule>(); }

} // namespace drydock
