#include "core/rules/swarm/SwarmRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/swarm/SwarmRuleFactories.h"

namespace drydock {

void registerSwarmRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeUnusedSwarmRule());
    catalogue.add(makeManagerCountRule());
    catalogue.add(makeAutolockRule());
    catalogue.add(makeNodeCertExpiryRule());
    catalogue.add(makeRootCaAgeRule());
    catalogue.add(makeManagerWorkloadRule());
    catalogue.add(makeIngressPublishRule());
    catalogue.add(makeServiceHardeningRule());
}

} // namespace drydock
