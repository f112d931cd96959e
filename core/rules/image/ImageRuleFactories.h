#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the image rules (IMG-001 … IMG-021); each rule lives in its own file.
std::unique_ptr<Rule> makeImageRunsAsRootRule();          // IMG-001
std::unique_ptr<Rule> makeMissingHealthcheckRule();       // IMG-002
std::unique_ptr<Rule> makeUpdateWithoutInstallRule();     // IMG-003
std::unique_ptr<Rule> makeAddInsteadOfCopyRule();         // IMG-004
std::unique_ptr<Rule> makeMutableTagRule();               // IMG-005
std::unique_ptr<Rule> makeNoRegistryDigestRule();         // IMG-006
std::unique_ptr<Rule> makeStaleImageRule();               // IMG-007
std::unique_ptr<Rule> makeSudoInBuildRule();              // IMG-008
std::unique_ptr<Rule> makeDistUpgradeRule();              // IMG-009
std::unique_ptr<Rule> makePackageCacheLeftRule();         // IMG-010
std::unique_ptr<Rule> makeSystemPathVolumeRule();         // IMG-011
std::unique_ptr<Rule> makeSshPortExposedRule();           // IMG-012
std::unique_ptr<Rule> makeSshdOrInitCommandRule();        // IMG-013
std::unique_ptr<Rule> makeSystemWorkdirRule();            // IMG-014
std::unique_ptr<Rule> makeRemoteScriptPipedToShellRule(); // IMG-015
std::unique_ptr<Rule> makeVerificationDisabledRule();     // IMG-016
std::unique_ptr<Rule> makeSetuidInBuildRule();            // IMG-017
std::unique_ptr<Rule> makeOnBuildTriggersRule();          // IMG-018
std::unique_ptr<Rule> makeImageSprawlRule();              // IMG-019
std::unique_ptr<Rule> makeUntrustedRegistryRule();        // IMG-020
std::unique_ptr<Rule> makeBuildToolsLeftRule();           // IMG-021

} // namespace drydock
