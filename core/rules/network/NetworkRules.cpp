#include "core/rules/network/NetworkRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/network/NetworkRuleFactories.h"

namespace drydock {

void registerNetworkRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeHostNetworkRule());
    catalogue.add(makeDefaultBridgeRule());
    catalogue.add(makeAllInterfacesRule());
    catalogue.add(makePrivilegedHostPortRule());
    catalogue.add(makePublishAllRule());
    catalogue.add(makeRiskyPortRule());
    catalogue.add(makeLegacyLinksRule());
    catalogue.add(makeUnencryptedOverlayRule());
    catalogue.add(makeIpv6NetworkRule());
    catalogue.add(makeDirectLanNetworkRule());
    catalogue.add(makeMultipleNetworksRule());
    catalogue.add(makePlaintextApiConnectionRule());
}

} // namespace drydock
