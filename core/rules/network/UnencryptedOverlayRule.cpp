#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-008",
    .area = Area::Network,
    .defaultSeverity = Severity::Medium,
    .cis = cis("7.3"),
    .title = "Overlay network not encrypted",
    .rationale = "Traffic on an unencrypted overlay network travels between nodes as plain VXLAN packets that "
                 "anyone on the path can read or inject into.",
    .fix = "Recreate the network with IPsec encryption: docker network create -d overlay --opt encrypted "
           "<name>.",
    .practice = "Encrypt traffic between Swarm nodes",
};

// NET-008: the "encrypted" option's presence turns IPsec on, whatever its value (as docker-bench checks it).
class UnencryptedOverlayRule : public NetworkRule
{
public:
    UnencryptedOverlayRule() : NetworkRule(kInfo) {}

protected:
    void check(const RuleContext&, const Network& network, FindingCollector& out) const override
    {
        if (network.driver != "overlay" || network.options.count("encrypted")) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(network);
        draft.evidence = "Driver = overlay, Options has no encrypted";
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeUnencryptedOverlayRule) { return std::make_unique<UnencryptedOverlayRule>(); }

} // namespace drydock
