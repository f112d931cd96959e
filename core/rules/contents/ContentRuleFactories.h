#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the rules that need content analysis (IMG-101 …); they report nothing without it.
std::unique_ptr<Rule> makeSetuidFilesRule();           // IMG-101
std::unique_ptr<Rule> makeFileCapabilitiesRule();      // IMG-102
std::unique_ptr<Rule> makeShellPresentRule();          // IMG-103
std::unique_ptr<Rule> makePackageManagerPresentRule(); // IMG-104
std::unique_ptr<Rule> makeNetworkToolsPresentRule();   // IMG-105
std::unique_ptr<Rule> makeBuildToolsPresentRule();     // IMG-106
std::unique_ptr<Rule> makePrivateKeyFileRule();        // IMG-107
std::unique_ptr<Rule> makeCredentialFileRule();        // IMG-108
std::unique_ptr<Rule> makeEnvFileRule();               // IMG-109
std::unique_ptr<Rule> makeGitDirectoryRule();          // IMG-110
std::unique_ptr<Rule> makeWorldWritableRule();         // IMG-111
std::unique_ptr<Rule> makeSystemPathOwnerRule();       // IMG-112
std::unique_ptr<Rule> makePackageVulnerabilityRule();  // IMG-113
std::unique_ptr<Rule> makeDeletedSecretRule();         // IMG-114
std::unique_ptr<Rule> makeImageTooLargeRule();         // IMG-115

class RuleCatalogue;
void registerContentRules(RuleCatalogue& catalogue);

} // namespace drydock
