#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/ContainerNetworking.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-007",
    .area = Area::Network,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Legacy container links",
    .rationale = "--link is deprecated, and it copies the linked container's environment (secrets included) "
                 "into this one.",
    .fix = "Put both containers on one user-defined network and address the other container by its name: "
           "docker network create <app>-net, then --network <app>-net on each.",
    .practice = "Isolate container networking (OWASP Docker #5)",
};

// NET-007: on docker0 the remediation moves to the same dedicated network NET-002 proposes, so the two fixes
// compose; on a user network --link only adds an alias, and its replacement is a person's call.
class LegacyLinksRule : public ContainerRule
{
public:
    LegacyLinksRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const StringList& links = container.hostConfig.links;
        if (links.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.Links = [" + join(links, ", ") + "]";
        if (usesDefaultBridgeMode(container)) {
            draft.edits.push_back({RunEdit::Op::RemoveFlag, "--link", ""});
            for (auto& edit : moveToNetwork(container, dedicatedNetworkName(container))) {
                draft.edits.push_back(std::move(edit));
            }
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeLegacyLinksRule) { return std::make_unique<LegacyLinksRule>(); }

} // namespace drydock
