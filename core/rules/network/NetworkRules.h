#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every network rule to the catalogue.
void registerNetworkRules(RuleCatalogue& catalogue);

} // namespace drydock
