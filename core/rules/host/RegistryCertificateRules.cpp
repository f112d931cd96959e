#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the registry certificate: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kRegistryCertificateOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-031",
    .defaultSeverity = Severity::Medium,
    .title = "A registry certificate under /etc/docker/certs.d is not owned by root:root",
    .rationale = "The files under /etc/docker/certs.d decide which registries the daemon trusts. Whoever may "
                 "replace them can serve the daemon other images than the ones asked for."});
const RuleInfo kRegistryCertificateMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-032",
    .defaultSeverity = Severity::Medium,
    .title = "A registry certificate under /etc/docker/certs.d is writable or executable",
    .rationale = "The files under /etc/docker/certs.d decide which registries the daemon trusts. Whoever may "
                 "replace them can serve the daemon other images than the ones asked for."});

} // namespace

DRYDOCK_RULE(makeRegistryCertificateOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kRegistryCertificateOwner);
}
DRYDOCK_RULE(makeRegistryCertificateModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kRegistryCertificateMode);
}

} // namespace drydock
