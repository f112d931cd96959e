#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the docker.service: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDockerServiceOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-025",
    .defaultSeverity = Severity::Medium,
    .title = "docker.service is not owned by root:root",
    .rationale = "The unit file decides how dockerd starts (its flags, its environment). Whoever may change "
                 "it chooses the daemon's settings at the next restart, which is root on this host."});
const RuleInfo kDockerServiceMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-026",
    .defaultSeverity = Severity::Medium,
    .title = "docker.service is writable by group or others",
    .rationale = "The unit file decides how dockerd starts (its flags, its environment). Whoever may change "
                 "it chooses the daemon's settings at the next restart, which is root on this host."});

} // namespace

DRYDOCK_RULE(makeDockerServiceOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerServiceOwner);
}
DRYDOCK_RULE(makeDockerServiceModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerServiceMode);
}

} // namespace drydock
