#include "core/rules/daemon/DaemonRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerDaemonRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
