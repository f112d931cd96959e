#include "core/rules/network/NetworkRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerNetworkRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
