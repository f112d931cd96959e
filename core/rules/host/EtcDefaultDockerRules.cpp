#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the /etc/default/docker: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kEtcDefaultDockerOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-043",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/default/docker is not owned by root:root",
    .rationale = "/etc/default/docker gives dockerd's options (DOCKER_OPTS) on Debian-style "
                 "systems. Whoever may change it chooses the daemon's flags at the next restart."});
const RuleInfo kEtcDefaultDockerMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-044",
    .defaultSeverity = Severity::Medium,
    .title = "/etc/default/docker is writable by group or others",
    .rationale = "/etc/default/docker gives dockerd's options (DOCKER_OPTS) on Debian-style "
                 "systems. Whoever may change it chooses the daemon's flags at the next restart."});

} // namespace

DRYDOCK_RULE(makeEtcDefaultDockerOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcDefaultDockerOwner);
}
DRYDOCK_RULE(makeEtcDefaultDockerModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kEtcDefaultDockerMode);
}

} // namespace drydock
