#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the /etc/docker: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kEtcDockerOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-029",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/docker is not owned by root:root",
    .rationale = "/etc/docker holds daemon.json, registry certificates and keys. Whoever may write "
                 "there changes the daemon's configuration and the registries it trusts."});
const RuleInfo kEtcDockerMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-030",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/docker is writable by group or others",
    .rationale = "/etc/docker holds daemon.json, registry certificates and keys. Whoever may write "
                 "there changes the daemon's configuration and the registries it trusts."});

} // namespace

DRYDOCK_RULE(makeEtcDockerOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcDockerOwner);
}
DRYDOCK_RULE(makeEtcDockerModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcDockerMode);
}

} // namespace drydock
