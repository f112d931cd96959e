#include "core/rules/secrets/SecretsRules.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

void registerSecretsRules(RuleCatalogue& /*catalogue*/) {}

} // namespace drydock
