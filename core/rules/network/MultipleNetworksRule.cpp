#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-011",
    .area = Area::Network,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "Container joins several networks",
    .rationale = "A container attached to several networks bridges segments that were meant to stay apart: "
                 "whoever controls it reaches all of them.",
    .fix = "Attach only the networks the container needs: docker network disconnect <network> <container>.",
    .practice = "Isolate container networking (OWASP Docker #5)",
};

// NET-011: often intended (a reverse proxy in front of several back ends), hence informational.
class MultipleNetworksRule : public ContainerRule
{
public:
    MultipleNetworksRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (container.networks.size() < 2) {
            return;
        }
        StringList names;
        for (const auto& endpoint : container.networks) {
            names.push_back(endpoint.networkName);
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "NetworkSettings.Networks = [" + join(names, ", ") + "]";
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeMultipleNetworksRule) { return std::make_unique<MultipleNetworksRule>(); }

} // namespace drydock
