#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the TLS CA certificate: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kTlsCaCertificateOwner = hostfacts::hostFileRuleInfo(
    "HST-033", Severity::Medium, "The daemon's TLS CA certificate is not owned by root:root",
    "The CA certificate (--tlscacert) decides which client certificates the daemon accepts. Whoever may "
    "replace it can let their own clients in.");
const RuleInfo kTlsCaCertificateMode = hostfacts::hostFileRuleInfo(
    "HST-034", Severity::Medium, "The daemon's TLS CA certificate is writable or executable",
    "The CA certificate (--tlscacert) decides which client certificates the daemon accepts. Whoever may "
    "replace it can let their own clients in.");

} // namespace

DRYDOCK_RULE(makeTlsCaCertificateOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsCaCertificateOwner, "HST-033");
}
DRYDOCK_RULE(makeTlsCaCertificateModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsCaCertificateMode, "HST-034");
}

} // namespace drydock
