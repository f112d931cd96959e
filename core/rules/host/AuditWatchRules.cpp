#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

// CIS 1.1.3–1.1.18: a rule per benchmark item, each checking that auditd watches its path.
class AuditWatchRule final : public BasicRule
{
public:
    AuditWatchRule(const char* ruleId, const char* cisId, const char* what)
        : BasicRule(RuleInfo{
              .id = ruleId,
              .area = Area::Host,
              .defaultSeverity = Severity::Low,
              .cis = cis(cisId),
              .title = std::string("No audit rule watches ") + what,
              .rationale =
                  "Without an audit watch, changes to Docker's daemon, binaries and configuration leave "
                  "no trace: after an incident nobody can tell who changed them or when. auditd records "
                  "every write to a watched path.",
              .fix = "Append the line below to /etc/audit/rules.d/docker.rules, then load it with "
                     "augenrules --load (or restart auditd):\n  -w <path from the evidence> -k docker",
              .practice = "CIS Docker Benchmark section 1 (host configuration: auditing)"})
    {
    }

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, info().cis.id.c_str());
        if (facts == nullptr || !facts->auditRulesRead) {
            return;
        }
        for (const auto& target : facts->auditTargets) {
            if (target.cisId == info().cis.id && !target.watched) {
                out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                     target.path +
                                                         " has no -w or -F path= watch in "
                                                         "/etc/audit/audit.rules or /etc/audit/rules.d. "
                                                         "Fix: -w " +
                                                         target.path + " -k docker",
                                                     target.path));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeAuditDockerdRule)
{
    return std::make_unique<AuditWatchRule>("HST-003", "1.1.3", "the Docker daemon");
}
DRYDOCK_RULE(makeAuditRunContainerdRule)
{
    return std::make_unique<AuditWatchRule>("HST-004", "1.1.4", "/run/containerd");
}
DRYDOCK_RULE(makeAuditDataRootRule)
{
    return std::make_unique<AuditWatchRule>("HST-005", "1.1.5", "the data root (/var/lib/docker)");
}
DRYDOCK_RULE(makeAuditEtcDockerRule)
{
    return std::make_unique<AuditWatchRule>("HST-006", "1.1.6", "/etc/docker");
}
DRYDOCK_RULE(makeAuditDockerServiceRule)
{
    return std::make_unique<AuditWatchRule>("HST-007", "1.1.7", "docker.service");
}
DRYDOCK_RULE(makeAuditContainerdSockRule)
{
    return std::make_unique<AuditWatchRule>("HST-008", "1.1.8", "containerd.sock");
}
DRYDOCK_RULE(makeAuditDockerSocketRule)
{
    return std::make_unique<AuditWatchRule>("HST-009", "1.1.9", "docker.socket");
}
DRYDOCK_RULE(makeAuditEtcDefaultDockerRule)
{
    return std::make_unique<AuditWatchRule>("HST-010", "1.1.10", "/etc/default/docker");
}
DRYDOCK_RULE(makeAuditDaemonJsonRule)
{
    return std::make_unique<AuditWatchRule>("HST-011", "1.1.11", "daemon.json");
}
DRYDOCK_RULE(makeAuditContainerdConfigRule)
{
    return std::make_unique<AuditWatchRule>("HST-012", "1.1.12", "/etc/containerd/config.toml");
}
DRYDOCK_RULE(makeAuditEtcSysconfigDockerRule)
{
    return std::make_unique<AuditWatchRule>("HST-013", "1.1.13", "/etc/sysconfig/docker");
}
DRYDOCK_RULE(makeAuditContainerdRule)
{
    return std::make_unique<AuditWatchRule>("HST-014", "1.1.14", "/usr/bin/containerd");
}
DRYDOCK_RULE(makeAuditContainerdShimRule)
{
    return std::make_unique<AuditWatchRule>("HST-015", "1.1.15", "/usr/bin/containerd-shim");
}
DRYDOCK_RULE(makeAuditShimRuncV1Rule)
{
    return std::make_unique<AuditWatchRule>("HST-016", "1.1.16", "/usr/bin/containerd-shim-runc-v1");
}
DRYDOCK_RULE(makeAuditShimRuncV2Rule)
{
    return std::make_unique<AuditWatchRule>("HST-017", "1.1.17", "/usr/bin/containerd-shim-runc-v2");
}
DRYDOCK_RULE(makeAuditRuncRule)
{
    return std::make_unique<AuditWatchRule>("HST-018", "1.1.18", "/usr/bin/runc");
}

} // namespace drydock
