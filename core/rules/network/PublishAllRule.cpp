#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/ContainerNetworking.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-005",
    .area = Area::Network,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.9"),
    .title = "All exposed ports published",
    .rationale = "--publish-all opens every port the image EXPOSEs, on random host ports and on all "
                 "interfaces, including ports nobody meant to serve.",
    .fix = "Drop -P and publish only the ports that are needed, e.g. -p 127.0.0.1:8080:80.",
    .practice = "Expose only what is needed, on chosen interfaces (OWASP Docker #5a)",
};

// NET-005: the remediation keeps every exposed port reachable from this host (random port, loopback only)
// unless it already has an explicit -p of its own.
class PublishAllRule : public ContainerRule
{
public:
    PublishAllRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (!container.hostConfig.publishAllPorts) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.PublishAllPorts = true";
        if (!container.config.exposedPorts.empty()) {
            draft.evidence += " (exposes " + join(container.config.exposedPorts, ", ") + ")";
        }
        draft.edits.push_back({RunEdit::Op::RemoveFlag, "--publish-all", ""});
        for (const auto& port : container.config.exposedPorts) {
            bool explicitlyPublished = false;
            for (const auto& mapping : container.hostConfig.portBindings) {
                explicitlyPublished = explicitlyPublished || mapping.containerPort == port;
            }
            if (!explicitlyPublished) {
                draft.edits.push_back(publishOnLoopback(port, ""));
            }
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makePublishAllRule) { return std::make_unique<PublishAllRule>(); }

} // namespace drydock
