#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every secrets rule to the catalogue.
void registerSecretsRules(RuleCatalogue& catalogue);

} // namespace drydock
