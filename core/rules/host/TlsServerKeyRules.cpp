#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the server key: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kTlsServerKeyOwner = hostfacts::hostFileRuleInfo(
    "HST-037", Severity::High, "The daemon's TLS server key is not owned by root:root",
    "The server key (--tlskey) proves the daemon's identity. Whoever can read it can impersonate the daemon "
    "to every client that trusts its certificate.");
const RuleInfo kTlsServerKeyMode = hostfacts::hostFileRuleInfo(
    "HST-038", Severity::High, "The daemon's TLS server key is readable by others than its owner",
    "The server key (--tlskey) proves the daemon's identity. Whoever can read it can impersonate the daemon "
    "to every client that trusts its certificate.");

} // namespace

DRYDOCK_RULE(makeTlsServerKeyOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerKeyOwner, "HST-037");
}
DRYDOCK_RULE(makeTlsServerKeyModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerKeyMode, "HST-038");
}

} // namespace drydock
