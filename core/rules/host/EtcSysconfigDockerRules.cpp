#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the /etc/sysconfig/docker: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kEtcSysconfigDockerMode = hostfacts::hostFileRuleInfo(
    "HST-045", Severity::Medium, "/etc/sysconfig/docker is writable by group or others",
    "/etc/sysconfig/docker gives dockerd's options on Red Hat-style systems. Whoever may change it chooses "
    "the daemon's flags at the next restart.");
const RuleInfo kEtcSysconfigDockerOwner = hostfacts::hostFileRuleInfo(
    "HST-046", Severity::Medium, "/etc/sysconfig/docker is not owned by root:root",
    "/etc/sysconfig/docker gives dockerd's options on Red Hat-style systems. Whoever may change it chooses "
    "the daemon's flags at the next restart.");

} // namespace

DRYDOCK_RULE(makeEtcSysconfigDockerModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcSysconfigDockerMode, "HST-045");
}
DRYDOCK_RULE(makeEtcSysconfigDockerOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcSysconfigDockerOwner, "HST-046");
}

} // namespace drydock
