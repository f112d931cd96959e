#include "core/rules/image/ImageRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/image/ImageRuleFactories.h"

namespace drydock {

void registerImageRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeImageRunsAsRootRule());
    catalogue.add(makeMissingHealthcheckRule());
    catalogue.add(makeUpdateWithoutInstallRule());
    catalogue.add(makeAddInsteadOfCopyRule());
    catalogue.add(makeMutableTagRule());
    catalogue.add(makeNoRegistryDigestRule());
    catalogue.add(makeStaleImageRule());
    catalogue.add(makeSudoInBuildRule());
    catalogue.add(makeDistUpgradeRule());
    catalogue.add(makePackageCacheLeftRule());
    catalogue.add(makeSystemPathVolumeRule());
    catalogue.add(makeSshPortExposedRule());
    catalogue.add(makeSshdOrInitCommandRule());
    catalogue.add(makeSystemWorkdirRule());
    catalogue.add(makeRemoteScriptPipedToShellRule());
    catalogue.add(makeVerificationDisabledRule());
    catalogue.add(makeSetuidInBuildRule());
    catalogue.add(makeOnBuildTriggersRule());
    catalogue.add(makeImageSprawlRule());
    catalogue.add(makeUntrustedRegistryRule());
    catalogue.add(makeBuildToolsLeftRule());
}

} // namespace drydock
