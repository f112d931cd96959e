#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the daemon rules (DMN-001 … DMN-021); each rule lives in its own file.
std::unique_ptr<Rule> makePlainTcpApiRule();          // DMN-001
std::unique_ptr<Rule> makeTlsWithoutClientAuthRule(); // DMN-002
std::unique_ptr<Rule> makeDefaultBridgeIccRule();     // DMN-003
std::unique_ptr<Rule> makeInsecureRegistryRule();     // DMN-004
std::unique_ptr<Rule> makeStorageDriverRule();        // DMN-005
std::unique_ptr<Rule> makeUserNamespaceRule();        // DMN-006
std::unique_ptr<Rule> makeAuthorizationPluginRule();  // DMN-007
std::unique_ptr<Rule> makeLoggingDriverRule();        // DMN-008
std::unique_ptr<Rule> makeLiveRestoreRule();          // DMN-009
std::unique_ptr<Rule> makeDaemonSeccompRule();        // DMN-010
std::unique_ptr<Rule> makeExperimentalRule();         // DMN-011
std::unique_ptr<Rule> makeDebugModeRule();            // DMN-012
std::unique_ptr<Rule> makeOutdatedEngineRule();       // DMN-013
std::unique_ptr<Rule> makeRuncVersionRule();          // DMN-014
std::unique_ptr<Rule> makeMacLayerRule();             // DMN-015
std::unique_ptr<Rule> makeResourceLimitSupportRule(); // DMN-016
std::unique_ptr<Rule> makeBridgeNetfilterRule();      // DMN-017
std::unique_ptr<Rule> makeDefaultBindAddressRule();   // DMN-018
std::unique_ptr<Rule> makeCgroupVersionRule();        // DMN-019
std::unique_ptr<Rule> makeDeprecatedRuntimeRule();    // DMN-020
std::unique_ptr<Rule> makePrivilegedPluginRule();     // DMN-021

} // namespace drydock
