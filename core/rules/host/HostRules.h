#pragma once

namespace drydock {

class RuleCatalogue;
// Adds every host rule (files, settings, groups and audit rules read on the daemon's host) to the catalogue.
void registerHostRules(RuleCatalogue& catalogue);

} // namespace drydock
