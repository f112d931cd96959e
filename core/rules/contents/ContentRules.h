#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every content rule (IMG-101 …, the rules that need layer contents) to the catalogue.
void registerContentRules(RuleCatalogue& catalogue);

} // namespace drydock
