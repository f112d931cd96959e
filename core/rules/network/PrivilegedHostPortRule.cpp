#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/PublishedPorts.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-004",
    .area = Area::Network,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.8"),
    .title = "Privileged host port",
    .rationale = "Host ports below 1024 are reserved for system services; publishing on them can collide with "
                 "host services and needs a daemon with root privileges.",
    .fix = "Publish on a host port of 1024 or above (-p 127.0.0.1:8080:80); the container may keep listening "
           "on its own port.",
    .practice = "Expose only what is needed, on chosen interfaces (OWASP Docker #5a)",
};

constexpr int kFirstUnprivilegedPort = 1024;

// NET-004: any address counts, loopback included. 1024 itself is unprivileged (docker-bench flags it). No
// edit: choosing another host port changes what clients connect to, so a person picks it.
class PrivilegedHostPortRule : public ContainerRule
{
public:
    PrivilegedHostPortRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        for (const auto& port : publishedPorts(context.inventory(), container)) {
            const int hostPort = portNumber(port.hostPort);
            if (hostPort <= 0 || hostPort >= kFirstUnprivilegedPort) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(container);
            draft.evidence = port.evidence();
            draft.discriminator = port.label();
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makePrivilegedHostPortRule) { return std::make_unique<PrivilegedHostPortRule>(); }

} // namespace drydock
