#include "core/rules/image/ImageRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerImageRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
