#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the Docker socket: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kDockerSocketOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-039",
    .defaultSeverity = Severity::High,
    .title = "The Docker socket is not owned by root:docker",
    .rationale = "Whoever can open the Docker socket controls the daemon: they can start a privileged "
                 "container and are root on this host. Only root and the docker group should reach it."});
const RuleInfo kDockerSocketMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-040",
    .defaultSeverity = Severity::Critical,
    .title = "The Docker socket is open to others than its owner and group",
    .rationale = "Whoever can open the Docker socket controls the daemon: they can start a privileged "
                 "container and are root on this host. Only root and the docker group should reach it."});

} // namespace

DRYDOCK_RULE(makeDockerSocketOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerSocketOwner);
}
DRYDOCK_RULE(makeDockerSocketModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kDockerSocketMode);
}

} // namespace drydock
