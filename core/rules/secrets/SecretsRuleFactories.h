#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the secrets rules (SEC-001 … SEC-012); each rule lives in its own file.
std::unique_ptr<Rule> makeContainerEnvSecretRule();   // SEC-001
std::unique_ptr<Rule> makeImageEnvSecretRule();       // SEC-002
std::unique_ptr<Rule> makeHistorySecretRule();        // SEC-003
std::unique_ptr<Rule> makeLabelSecretRule();          // SEC-004
std::unique_ptr<Rule> makeCommandLineSecretRule();    // SEC-005
std::unique_ptr<Rule> makeCredentialStoreMountRule(); // SEC-006
std::unique_ptr<Rule> makeLogOptionSecretRule();      // SEC-007
std::unique_ptr<Rule> makeVolumeOptionSecretRule();   // SEC-008
std::unique_ptr<Rule> makeServiceEnvSecretRule();     // SEC-009
std::unique_ptr<Rule> makeConfigSecretRule();         // SEC-010
std::unique_ptr<Rule> makeSecretFileModeRule();       // SEC-011
std::unique_ptr<Rule> makeStaleSecretRule();          // SEC-012

} // namespace drydock
