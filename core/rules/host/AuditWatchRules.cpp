#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

#include <map>

namespace drydock {
namespace {

// CIS 1.1.3–1.1.18, one rule per benchmark item: its id and the path it wants watched; the other texts are
// shared.
const hostfacts::HostRuleText kAuditDockerd{.id = "HST-003",
                                            .defaultSeverity = Severity::Low,
                                            .title = "No audit rule watches the Docker daemon",
                                            .rationale = {}};
const hostfacts::HostRuleText kAuditRunContainerd{.id = "HST-004",
                                                  .defaultSeverity = Severity::Low,
                                                  .title = "No audit rule watches /run/containerd",
                                                  .rationale = {}};
const hostfacts::HostRuleText kAuditDataRoot{.id = "HST-005",
                                             .defaultSeverity = Severity::Low,
                                             .title = "No audit rule watches the data root (/var/lib/docker)",
                                             .rationale = {}};
const hostfacts::HostRuleText kAuditEtcDocker{.id = "HST-006",
                                              .defaultSeverity = Severity::Low,
                                              .title = "No audit rule watches /etc/docker",
                                              .rationale = {}};
const hostfacts::HostRuleText kAuditDockerService{.id = "HST-007",
                                                  .defaultSeverity = Severity::Low,
                                                  .title = "No audit rule watches docker.service",
                                                  .rationale = {}};
const hostfacts::HostRuleText kAuditContainerdSock{.id = "HST-008",
                                                   .defaultSeverity = Severity::Low,
                                                   .title = "No audit rule watches containerd.sock",
                                                   .rationale = {}};
const hostfacts::HostRuleText kAuditDockerSocket{.id = "HST-009",
                                                 .defaultSeverity = Severity::Low,
                                                 .title = "No audit rule watches docker.socket",
                                                 .rationale = {}};
const hostfacts::HostRuleText kAuditEtcDefaultDocker{.id = "HST-010",
                                                     .defaultSeverity = Severity::Low,
                                                     .title = "No audit rule watches /etc/default/docker",
                                                     .rationale = {}};
const hostfacts::HostRuleText kAuditDaemonJson{.id = "HST-011",
                                               .defaultSeverity = Severity::Low,
                                               .title = "No audit rule watches daemon.json",
                                               .rationale = {}};
const hostfacts::HostRuleText kAuditContainerdConfig{.id = "HST-012",
                                                     .defaultSeverity = Severity::Low,
                                                     .title =
                                                         "No audit rule watches /etc/containerd/config.toml",
                                                     .rationale = {}};
const hostfacts::HostRuleText kAuditEtcSysconfigDocker{.id = "HST-013",
                                                       .defaultSeverity = Severity::Low,
                                                       .title = "No audit rule watches /etc/sysconfig/docker",
                                                       .rationale = {}};
const hostfacts::HostRuleText kAuditContainerd{.id = "HST-014",
                                               .defaultSeverity = Severity::Low,
                                               .title = "No audit rule watches /usr/bin/containerd",
                                               .rationale = {}};
const hostfacts::HostRuleText kAuditContainerdShim{.id = "HST-015",
                                                   .defaultSeverity = Severity::Low,
                                                   .title = "No audit rule watches /usr/bin/containerd-shim",
                                                   .rationale = {}};
const hostfacts::HostRuleText kAuditShimRuncV1{.id = "HST-016",
                                               .defaultSeverity = Severity::Low,
                                               .title =
                                                   "No audit rule watches /usr/bin/containerd-shim-runc-v1",
                                               .rationale = {}};
const hostfacts::HostRuleText kAuditShimRuncV2{.id = "HST-017",
                                               .defaultSeverity = Severity::Low,
                                               .title =
                                                   "No audit rule watches /usr/bin/containerd-shim-runc-v2",
                                               .rationale = {}};
const hostfacts::HostRuleText kAuditRunc{.id = "HST-018",
                                         .defaultSeverity = Severity::Low,
                                         .title = "No audit rule watches /usr/bin/runc",
                                         .rationale = {}};

const std::map<std::string, std::string>& auditCisIds()
{
    static const std::map<std::string, std::string> ids{
        {"HST-003", "1.1.3"},  {"HST-004", "1.1.4"},  {"HST-005", "1.1.5"},  {"HST-006", "1.1.6"},
        {"HST-007", "1.1.7"},  {"HST-008", "1.1.8"},  {"HST-009", "1.1.9"},  {"HST-010", "1.1.10"},
        {"HST-011", "1.1.11"}, {"HST-012", "1.1.12"}, {"HST-013", "1.1.13"}, {"HST-014", "1.1.14"},
        {"HST-015", "1.1.15"}, {"HST-016", "1.1.16"}, {"HST-017", "1.1.17"}, {"HST-018", "1.1.18"},
    };
    return ids;
}

RuleInfo auditInfo(const hostfacts::HostRuleText& text)
{
    RuleInfo info;
    info.id = text.id;
    info.title = text.title;
    info.area = Area::Host;
    info.defaultSeverity = text.defaultSeverity;
    info.cis = cis(auditCisIds().at(info.id).c_str());
    info.rationale =
        "Without an audit watch, changes to Docker's daemon, binaries and configuration leave no "
        "trace: after an incident nobody can tell who changed them or when. auditd records every "
        "write to a watched path.";
    info.fix =
        "Append the line below to /etc/audit/rules.d/docker.rules, then load it with augenrules --load (or "
        "restart auditd):\n  -w <path from the evidence> -k docker";
    info.practice = "CIS Docker Benchmark section 1 (host configuration: auditing)";
    return info;
}

// One audit item: a finding per path of its item that exists on the host and has no watch (discriminator:
// path).
class AuditWatchRule final : public BasicRule
{
public:
    explicit AuditWatchRule(const hostfacts::HostRuleText& text) : BasicRule(auditInfo(text)) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, info().cis.id.c_str());
        if (facts == nullptr || !facts->auditRulesRead) {
            return;
        }
        for (const auto& target : facts->auditTargets) {
            if (target.cisId == info().cis.id && !target.watched) {
                out.add(info(),
                        hostfacts::hostDraft(context.inventory(),
                                             target.path +
                                                 " has no -w or -F path= watch in /etc/audit/audit.rules "
                                                 "or /etc/audit/rules.d. Fix: -w " +
                                                 target.path + " -k docker",
                                             target.path));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeAuditDockerdRule)
{
    return std::make_unique<AuditWatchRule>(kAuditDockerd);
}
DRYDOCK_RULE(makeAuditRunContainerdRule)
{
    return std::make_unique<AuditWatchRule>(kAuditRunContainerd);
}
DRYDOCK_RULE(makeAuditDataRootRule)
{
    return std::make_unique<AuditWatchRule>(kAuditDataRoot);
}
DRYDOCK_RULE(makeAuditEtcDockerRule)
{
    return std::make_unique<AuditWatchRule>(kAuditEtcDocker);
}
DRYDOCK_RULE(makeAuditDockerServiceRule)
{
    return std::make_unique<AuditWatchRule>(kAuditDockerService);
}
DRYDOCK_RULE(makeAuditContainerdSockRule)
{
    return std::make_unique<AuditWatchRule>(kAuditContainerdSock);
}
DRYDOCK_RULE(makeAuditDockerSocketRule)
{
    return std::make_unique<AuditWatchRule>(kAuditDockerSocket);
}
DRYDOCK_RULE(makeAuditEtcDefaultDockerRule)
{
    return std::make_unique<AuditWatchRule>(kAuditEtcDefaultDocker);
}
DRYDOCK_RULE(makeAuditDaemonJsonRule)
{
    return std::make_unique<AuditWatchRule>(kAuditDaemonJson);
}
DRYDOCK_RULE(makeAuditContainerdConfigRule)
{
    return std::make_unique<AuditWatchRule>(kAuditContainerdConfig);
}
DRYDOCK_RULE(makeAuditEtcSysconfigDockerRule)
{
    return std::make_unique<AuditWatchRule>(kAuditEtcSysconfigDocker);
}
DRYDOCK_RULE(makeAuditContainerdRule)
{
    return std::make_unique<AuditWatchRule>(kAuditContainerd);
}
DRYDOCK_RULE(makeAuditContainerdShimRule)
{
    return std::make_unique<AuditWatchRule>(kAuditContainerdShim);
}
DRYDOCK_RULE(makeAuditShimRuncV1Rule)
{
    return std::make_unique<AuditWatchRule>(kAuditShimRuncV1);
}
DRYDOCK_RULE(makeAuditShimRuncV2Rule)
{
    return std::make_unique<AuditWatchRule>(kAuditShimRuncV2);
}
DRYDOCK_RULE(makeAuditRuncRule)
{
    return std::make_unique<AuditWatchRule>(kAuditRunc);
}

} // namespace drydock
