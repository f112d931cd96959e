#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the daemon.json: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDaemonJsonOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-041",
    .defaultSeverity = Severity::Medium,
    .title = "daemon.json is not owned by root:root",
    .rationale = "daemon.json holds the daemon's settings. Whoever may change it turns off "
                 "protections (user namespaces, TLS, no-new-privileges) at the next restart."});
const RuleInfo kDaemonJsonMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-042",
    .defaultSeverity = Severity::Medium,
    .title = "daemon.json is writable by group or others",
    .rationale = "daemon.json holds the daemon's settings. Whoever may change it turns off "
                 "protections (user namespaces, TLS, no-new-privileges) at the next restart."});

} // namespace

DRYDOCK_RULE(makeDaemonJsonOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDaemonJsonOwner);
}
DRYDOCK_RULE(makeDaemonJsonModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDaemonJsonMode);
}

} // namespace drydock
