#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every daemon rule to the catalogue.
void registerDaemonRules(RuleCatalogue& catalogue);

} // namespace drydock
