#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the docker.service: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDockerServiceOwner = hostfacts::hostFileRuleInfo(
    "HST-025", Severity::Medium, "docker.service is not owned by root:root",
    "The unit file decides how dockerd starts (its flags, its environment). Whoever may change it chooses "
    "the daemon's settings at the next restart, which is root on this host.");
const RuleInfo kDockerServiceMode = hostfacts::hostFileRuleInfo(
    "HST-026", Severity::Medium, "docker.service is writable by group or others",
    "The unit file decides how dockerd starts (its flags, its environment). Whoever may change it chooses "
    "the daemon's settings at the next restart, which is root on this host.");

} // namespace

DRYDOCK_RULE(makeDockerServiceOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerServiceOwner, "HST-025");
}
DRYDOCK_RULE(makeDockerServiceModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerServiceMode, "HST-026");
}

} // namespace drydock
