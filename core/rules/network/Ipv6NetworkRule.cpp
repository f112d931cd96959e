#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-009",
    .area = Area::Network,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "IPv6 network without Docker-managed filtering",
    .rationale = "Docker 20.10 programs ip6tables only with the experimental ip6tables option, so containers on "
                 "an IPv6 network may be reachable over IPv6 on every port, published or not.",
    .fix = "Recreate the network without --ipv6, or enable ip6tables in the daemon and firewall IPv6; verify "
           "from another machine which ports answer.",
    .practice = "Expose only what is needed, on chosen interfaces (OWASP Docker #5a)",
};

// NET-009: the filtering state is not visible through the API, so the finding asks for verification.
class Ipv6NetworkRule : public NetworkRule
{
public:
    Ipv6NetworkRule() : NetworkRule(kInfo) {}

protected:
    void check(const RuleContext&, const Network& network, FindingCollector& out) const override
    {
        if (!network.enableIPv6) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(network);
        draft.evidence = "EnableIPv6 = true";
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeIpv6NetworkRule) { return std::make_unique<Ipv6NetworkRule>(); }

} // namespace drydock
