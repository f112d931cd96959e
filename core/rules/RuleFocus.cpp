#include "core/rules/RuleFocus.h"

namespace drydock {

bool inRuleFocus(const std::optional<RuleFocus>& focus, ObjectType type, const std::string& id)
{
    return !focus || (focus->type == type && focus->id == id);
}

} // namespace drydock
