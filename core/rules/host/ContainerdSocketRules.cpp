#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the containerd socket: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kContainerdSocketOwner =
    hostfacts::hostFileRuleInfo("HST-047", Severity::High, "The containerd socket is not owned by root:root",
                                "containerd runs every container; whoever can open its socket can start one "
                                "with any privileges, bypassing dockerd and everything Drydock checks.");
const RuleInfo kContainerdSocketMode = hostfacts::hostFileRuleInfo(
    "HST-048", Severity::Critical, "The containerd socket is open to others than its owner and group",
    "containerd runs every container; whoever can open its socket can start one with any privileges, "
    "bypassing dockerd and everything Drydock checks.");

} // namespace

DRYDOCK_RULE(makeContainerdSocketOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kContainerdSocketOwner, "HST-047");
}
DRYDOCK_RULE(makeContainerdSocketModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kContainerdSocketMode, "HST-048");
}

} // namespace drydock
