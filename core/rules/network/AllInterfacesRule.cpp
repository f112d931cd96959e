#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/PublishedPorts.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-003",
    .area = Area::Network,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.14"),
    .title = "Port published on all interfaces",
    .rationale = "A port bound on 0.0.0.0 or :: is reachable from the whole network, and Docker's NAT rules "
                 "bypass host firewalls such as UFW, so the host firewall does not protect it.",
    .fix = "Publish on loopback (-p 127.0.0.1:8080:80) or on the one interface that must serve it; set "
           "\"ip\": \"127.0.0.1\" in daemon.json to make loopback the default.",
    .practice = "Expose only what is needed, on chosen interfaces (OWASP Docker #5a)",
};

// NET-003: one finding per published port, IPv6 "::" included (docker-bench misses it). Stopped containers
// are judged by what their next start will bind.
class AllInterfacesRule : public ContainerRule
{
public:
    AllInterfacesRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        for (const auto& port : publishedPorts(context.inventory(), container)) {
            if (!port.onAllInterfaces()) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(container);
            draft.evidence = port.evidence();
            draft.discriminator = port.label();
            draft.edits = {{RunEdit::Op::BindPortToLoopback, "--publish", port.containerPort}};
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeAllInterfacesRule) { return std::make_unique<AllInterfacesRule>(); }

} // namespace drydock
