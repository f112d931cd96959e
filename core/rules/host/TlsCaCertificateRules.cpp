#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the TLS CA certificate: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kTlsCaCertificateOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-033",
    .defaultSeverity = Severity::Medium,
    .title = "The daemon's TLS CA certificate is not owned by root:root",
    .rationale = "The CA certificate (--tlscacert) decides which client certificates the daemon "
                 "accepts. Whoever may replace it can let their own clients in."});
const RuleInfo kTlsCaCertificateMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-034",
    .defaultSeverity = Severity::Medium,
    .title = "The daemon's TLS CA certificate is writable or executable",
    .rationale = "The CA certificate (--tlscacert) decides which client certificates the daemon "
                 "accepts. Whoever may replace it can let their own clients in."});

} // namespace

DRYDOCK_RULE(makeTlsCaCertificateOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsCaCertificateOwner);
}
DRYDOCK_RULE(makeTlsCaCertificateModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsCaCertificateMode);
}

} // namespace drydock
