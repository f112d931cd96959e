#include "core/rules/secrets/SecretsRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/secrets/SecretsRuleFactories.h"

namespace drydock {

void registerSecretsRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeContainerEnvSecretRule());
    catalogue.add(makeImageEnvSecretRule());
    catalogue.add(makeHistorySecretRule());
    catalogue.add(makeLabelSecretRule());
    catalogue.add(makeCommandLineSecretRule());
    catalogue.add(makeCredentialStoreMountRule());
    catalogue.add(makeLogOptionSecretRule());
    catalogue.add(makeVolumeOptionSecretRule());
    catalogue.add(makeServiceEnvSecretRule());
    catalogue.add(makeConfigSecretRule());
    catalogue.add(makeSecretFileModeRule());
    catalogue.add(makeStaleSecretRule());
}

} // namespace drydock
