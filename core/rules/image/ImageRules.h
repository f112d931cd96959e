#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every image rule to the catalogue.
void registerImageRules(RuleCatalogue& catalogue);

} // namespace drydock
