#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the docker.socket: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDockerSocketUnitOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-027",
    .defaultSeverity = Severity::Medium,
    .title = "docker.socket is not owned by root:root",
    .rationale = "The socket unit decides where the API listens and who may open it. Whoever may "
                 "change it can open the daemon to other users or to the network."});
const RuleInfo kDockerSocketUnitMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-028",
    .defaultSeverity = Severity::Medium,
    .title = "docker.socket is writable by group or others",
    .rationale = "The socket unit decides where the API listens and who may open it. Whoever may "
                 "change it can open the daemon to other users or to the network."});

} // namespace

DRYDOCK_RULE(makeDockerSocketUnitOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerSocketUnitOwner);
}
DRYDOCK_RULE(makeDockerSocketUnitModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerSocketUnitMode);
}

} // namespace drydock
