#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every swarm rule to the catalogue.
void registerSwarmRules(RuleCatalogue& catalogue);

} // namespace drydock
