#include "core/rules/swarm/SwarmRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerSwarmRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
