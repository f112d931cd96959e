#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-004",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.4"),
    .title = "Default capability set kept",
    .rationale = "Docker's 14 default capabilities include NET_RAW (packet spoofing on the bridge), MKNOD, "
                 "SETUID/SETGID and DAC_OVERRIDE. Most services need none of them.",
    .fix = "Start from --cap-drop ALL and add back only what the process uses (e.g. --cap-add "
           "NET_BIND_SERVICE for a port below 1024).",
    .practice = "Drop all capabilities by default"};

// Flags containers whose HostConfig.CapDrop does not drop ALL.
class DefaultCapabilitiesRule final : public ContainerRule
{
public:
    DefaultCapabilitiesRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const auto& drop = c.hostConfig.capDrop;
        // A privileged container gets every capability whatever CapDrop says; CTR-002 reports it.
        if (c.hostConfig.privileged || listHasCapability(drop, "ALL")) {
            return;
        }
        std::vector<std::string> dropped;
        for (const auto& d : drop) {
            dropped.push_back(normaliseCapability(d));
        }
        std::string evidence = "HostConfig.CapDrop = [" + join(dropped, ", ") + "] lacks ALL";
        FindingDraft draft = containerDraft(c, std::move(evidence), {addFlag("--cap-drop", "ALL")});
        // Dropping NET_RAW is the minimum the catalogue asks for; a container that does it has taken the
        // step that matters most, so the rest is context rather than a finding worth a grade.
        if (listHasCapability(drop, "NET_RAW")) {
            draft.severity = Severity::Info;
        } else {
            draft.evidence += " (NET_RAW kept)";
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeDefaultCapabilitiesRule)
{
    return std::make_unique<DefaultCapabilitiesRule>();
}

} // namespace drydock
