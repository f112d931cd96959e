#include "core/rules/daemon/DaemonRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/daemon/DaemonRuleFactories.h"

namespace drydock {

void registerDaemonRules(RuleCatalogue& catalogue)
{
    catalogue.add(makePlainTcpApiRule());
    catalogue.add(makeTlsWithoutClientAuthRule());
    catalogue.add(makeDefaultBridgeIccRule());
    catalogue.add(makeInsecureRegistryRule());
    catalogue.add(makeStorageDriverRule());
    catalogue.add(makeUserNamespaceRule());
    catalogue.add(makeAuthorizationPluginRule());
    catalogue.add(makeLoggingDriverRule());
    catalogue.add(makeLiveRestoreRule());
    catalogue.add(makeDaemonSeccompRule());
    catalogue.add(makeExperimentalRule());
    catalogue.add(makeDebugModeRule());
    catalogue.add(makeOutdatedEngineRule());
    catalogue.add(makeRuncVersionRule());
    catalogue.add(makeMacLayerRule());
    catalogue.add(makeResourceLimitSupportRule());
    catalogue.add(makeBridgeNetfilterRule());
    catalogue.add(makeDefaultBindAddressRule());
    catalogue.add(makeCgroupVersionRule());
    catalogue.add(makeDeprecatedRuntimeRule());
    catalogue.add(makePrivilegedPluginRule());
}

} // namespace drydock
