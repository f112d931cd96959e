#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/network/PublishedPorts.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-006",
    .area = Area::Network,
    .defaultSeverity = Severity::High,
    .cis = cis(""),
    .title = "Sensitive service port open to the network",
    .rationale = "Administrative, database and cluster-control ports published on every interface invite "
                 "brute force and exploitation from the network; an exposed Docker or Swarm API is root on "
                 "the host.",
    .fix = "Keep administrative and database ports private: publish them on 127.0.0.1 only, or not at all and "
           "reach them over a user-defined network.",
    .practice = "Expose only what is needed, on chosen interfaces (OWASP Docker #1, #5a)",
};

// A port whose service should not be published, and how bad publishing it is.
struct RiskyPort
{
    int port;
    const char* service;
    Severity severity;
};

// Appendix B.4 of the check catalogue. Docker and Swarm control ports are root on the host: critical.
constexpr RiskyPort kRiskyPorts[] = {
    {2375, "Docker API", Severity::Critical},   {2376, "Docker API (TLS)", Severity::Critical},
    {2377, "Swarm control", Severity::Critical}, {2379, "etcd", Severity::High},
    {2380, "etcd peers", Severity::High},        {10250, "kubelet", Severity::High},
    {22, "SSH", Severity::High},                 {23, "Telnet", Severity::High},
    {3389, "RDP", Severity::High},               {5900, "VNC", Severity::High},
    {3306, "MySQL", Severity::High},             {5432, "PostgreSQL", Severity::High},
    {1433, "MSSQL", Severity::High},             {1521, "Oracle", Severity::High},
    {6379, "Redis", Severity::High},             {11211, "memcached", Severity::High},
    {27017, "MongoDB", Severity::High},          {9200, "Elasticsearch", Severity::High},
    {9300, "Elasticsearch transport", Severity::High}, {5984, "CouchDB", Severity::High},
    {8500, "Consul", Severity::High},
};

const RiskyPort* riskyPort(int port)
{
    for (const auto& r : kRiskyPorts) {
        if (r.port == port) {
            return &r;
        }
    }
    return nullptr;
}

// NET-006: the container port names the service, the host port is what the network sees; either one on the
// list counts, and the more severe match names the finding.
class RiskyPortRule : public ContainerRule
{
public:
    RiskyPortRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        for (const auto& port : publishedPorts(context.inventory(), container)) {
            if (!port.onAllInterfaces()) {
                continue;
            }
            const RiskyPort* match = riskyPort(portNumber(port.containerPort));
            const RiskyPort* byHost = riskyPort(portNumber(port.hostPort));
            if (!match || (byHost && byHost->severity > match->severity)) {
                match = byHost;
            }
            if (!match) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(container);
            draft.evidence = port.evidence();
            draft.severity = match->severity;
            draft.discriminator = port.label();
            draft.titleSuffix = ": " + std::to_string(match->port) + " (" + match->service + ")";
            draft.edits = {{RunEdit::Op::BindPortToLoopback, "--publish", port.containerPort}};
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeRiskyPortRule) { return std::make_unique<RiskyPortRule>(); }

} // namespace drydock
