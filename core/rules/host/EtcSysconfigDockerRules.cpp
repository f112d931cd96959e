#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the /etc/sysconfig/docker: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kEtcSysconfigDockerMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-045",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/sysconfig/docker is writable by group or others",
    .rationale = "/etc/sysconfig/docker gives dockerd's options on Red Hat-style systems. Whoever "
                 "may change it chooses the daemon's flags at the next restart."});
const RuleInfo kEtcSysconfigDockerOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-046",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/sysconfig/docker is not owned by root:root",
    .rationale = "/etc/sysconfig/docker gives dockerd's options on Red Hat-style systems. Whoever "
                 "may change it chooses the daemon's flags at the next restart."});

} // namespace

DRYDOCK_RULE(makeEtcSysconfigDockerModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcSysconfigDockerMode);
}
DRYDOCK_RULE(makeEtcSysconfigDockerOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcSysconfigDockerOwner);
}

} // namespace drydock
