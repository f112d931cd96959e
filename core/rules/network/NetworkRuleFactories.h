#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// One factory per network rule (NET-001 … NET-012); each rule lives in its own file.
std::unique_ptr<Rule> makeHostNetworkRule();           // NET-001
std::unique_ptr<Rule> makeDefaultBridgeRule();         // NET-002
std::unique_ptr<Rule> makeAllInterfacesRule();         // NET-003
std::unique_ptr<Rule> makePrivilegedHostPortRule();    // NET-004
std::unique_ptr<Rule> makePublishAllRule();            // NET-005
std::unique_ptr<Rule> makeRiskyPortRule();             // NET-006
std::unique_ptr<Rule> makeLegacyLinksRule();           // NET-007
std::unique_ptr<Rule> makeUnencryptedOverlayRule();    // NET-008
std::unique_ptr<Rule> makeIpv6NetworkRule();           // NET-009
std::unique_ptr<Rule> makeDirectLanNetworkRule();      // NET-010
std::unique_ptr<Rule> makeMultipleNetworksRule();      // NET-011
std::unique_ptr<Rule> makePlaintextApiConnectionRule(); // NET-012

} // namespace drydock
