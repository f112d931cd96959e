#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the daemon.json: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDaemonJsonOwner =
    hostfacts::hostFileRuleInfo("HST-041", Severity::Medium, "daemon.json is not owned by root:root",
                                "daemon.json holds the daemon's settings. Whoever may change it turns off "
                                "protections (user namespaces, TLS, no-new-privileges) at the next restart.");
const RuleInfo kDaemonJsonMode =
    hostfacts::hostFileRuleInfo("HST-042", Severity::Medium, "daemon.json is writable by group or others",
                                "daemon.json holds the daemon's settings. Whoever may change it turns off "
                                "protections (user namespaces, TLS, no-new-privileges) at the next restart.");

} // namespace

DRYDOCK_RULE(makeDaemonJsonOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDaemonJsonOwner, "HST-041");
}
DRYDOCK_RULE(makeDaemonJsonModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDaemonJsonMode, "HST-042");
}

} // namespace drydock
