#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/swarm/SwarmFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-007",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "Port published through the routing mesh",
    .rationale = "An ingress-mode port opens on every node of the swarm and on every interface, including "
                 "nodes that run no task of the service.",
    .fix = "Publish in host mode on the nodes that should serve it, or put a load balancer in front: "
           "`docker service update --publish-rm <port> --publish-add mode=host,target=80,published=8080 "
           "<service>`.",
    .practice = "Limit inter-container connectivity; publish only what is needed (OWASP #5a)"};

// One finding per ingress port (discriminator "8080/tcp").
class IngressPublishRule final : public BasicRule
{
public:
    IngressPublishRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        if (!inventory.swarm || !inventory.swarm->isManager) {
            return;
        }
        for (const auto& service : inventory.swarm->services) {
            for (const auto& port : service.ports) {
                if (port.publishMode != "ingress" || port.publishedPort <= 0) {
                    continue;
                }
                const std::string protocol = port.protocol.empty() ? "tcp" : port.protocol;
                FindingDraft draft;
                draft.object = refOf(service);
                draft.discriminator = std::to_string(port.publishedPort) + "/" + protocol;
                draft.evidence = "Endpoint.Ports: " + std::to_string(port.publishedPort) + "->" +
                                 std::to_string(port.targetPort) + "/" + protocol + " PublishMode = ingress";
                out.add(info(), std::move(draft));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeIngressPublishRule)
{
    return std::make_unique<IngressPublishRule>();
}

} // namespace drydock
