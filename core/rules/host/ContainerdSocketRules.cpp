#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the containerd socket: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kContainerdSocketOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-047",
    .defaultSeverity = Severity::High,
    .title = "The containerd socket is not owned by root:root",
    .rationale = "containerd runs every container; whoever can open its socket can start one with "
                 "any privileges, bypassing dockerd and everything Drydock checks."});
const RuleInfo kContainerdSocketMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-048",
    .defaultSeverity = Severity::Critical,
    .title = "The containerd socket is open to others than its owner and group",
    .rationale = "containerd runs every container; whoever can open its socket can start one with "
                 "any privileges, bypassing dockerd and everything Drydock checks."});

} // namespace

DRYDOCK_RULE(makeContainerdSocketOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kContainerdSocketOwner);
}
DRYDOCK_RULE(makeContainerdSocketModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kContainerdSocketMode);
}

} // namespace drydock
