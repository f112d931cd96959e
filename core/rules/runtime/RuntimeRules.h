#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every runtime rule to the catalogue.
void registerRuntimeRules(RuleCatalogue& catalogue);

} // namespace drydock
