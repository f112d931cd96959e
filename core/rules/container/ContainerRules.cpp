#include "core/rules/container/ContainerRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerContainerRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
