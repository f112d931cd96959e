#include "core/rules/runtime/RuntimeRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerRuntimeRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
