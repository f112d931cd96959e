#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every container rule to the catalogue.
void registerContainerRules(RuleCatalogue& catalogue);

} // namespace drydock
