#include "core/rules/RuleCatalogue.h"
#include "core/rules/contents/ContentRuleFactories.h"

namespace drydock {

void registerContentRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeSetuidFilesRule());
    catalogue.add(makeFileCapabilitiesRule());
    catalogue.add(makeShellPresentRule());
    catalogue.add(makePackageManagerPresentRule());
    catalogue.add(makeNetworkToolsPresentRule());
    catalogue.add(makeBuildToolsPresentRule());
    catalogue.add(makePrivateKeyFileRule());
    catalogue.add(makeCredentialFileRule());
    catalogue.add(makeEnvFileRule());
    catalogue.add(makeGitDirectoryRule());
    catalogue.add(makeWorldWritableRule());
    catalogue.add(makeSystemPathOwnerRule());
    catalogue.add(makePackageVulnerabilityRule());
    catalogue.add(makeDeletedSecretRule());
    catalogue.add(makeImageTooLargeRule());
}

} // namespace drydock
