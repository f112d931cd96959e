#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the server certificate: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kTlsServerCertificateOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-035",
    .defaultSeverity = Severity::Medium,
    .title = "The daemon's TLS server certificate is not owned by root:root",
    .rationale = "The server certificate (--tlscert) is what clients check before they talk to the "
                 "daemon. Whoever may replace it can break or impersonate the daemon's TLS."});
const RuleInfo kTlsServerCertificateMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-036",
    .defaultSeverity = Severity::Medium,
    .title = "The daemon's TLS server certificate is writable or executable",
    .rationale = "The server certificate (--tlscert) is what clients check before they talk to the "
                 "daemon. Whoever may replace it can break or impersonate the daemon's TLS."});

} // namespace

DRYDOCK_RULE(makeTlsServerCertificateOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerCertificateOwner);
}
DRYDOCK_RULE(makeTlsServerCertificateModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerCertificateMode);
}

} // namespace drydock
