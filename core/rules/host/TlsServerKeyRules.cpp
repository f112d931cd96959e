#include "core/rules/RuleRegistry.h"
#include "core/rules/host/HostRuleSupport.h"

// CIS section 3 for the server key: who owns it and who may change it (checks in HostFileChecks).
namespace drydock {
namespace {

const RuleInfo kTlsServerKeyOwner = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-037",
    .defaultSeverity = Severity::High,
    .title = "The daemon's TLS server key is not owned by root:root",
    .rationale = "The server key (--tlskey) proves the daemon's identity. Whoever can read it can "
                 "impersonate the daemon to every client that trusts its certificate."});
const RuleInfo kTlsServerKeyMode = hostfacts::hostFileRuleInfo(hostfacts::HostRuleText{
    .id = "HST-038",
    .defaultSeverity = Severity::High,
    .title = "The daemon's TLS server key is readable by others than its owner",
    .rationale = "The server key (--tlskey) proves the daemon's identity. Whoever can read it can "
                 "impersonate the daemon to every client that trusts its certificate."});

} // namespace

DRYDOCK_RULE(makeTlsServerKeyOwnerRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerKeyOwner);
}
DRYDOCK_RULE(makeTlsServerKeyModeRule)
{
    return std::make_unique<hostfacts::HostFileRule>(kTlsServerKeyMode);
}

} // namespace drydock
