#include "core/rules/RuleFocus.h"

namespace drydock {

bool inRuleFocus(const std::optional<RuleFocus>& focus, ObjectType type, const std::string& id)
{
    if (!focus) {
        return true;
    }
    if (focus->containerIds) {
        const bool listed = type == ObjectType::Container && focus->containerIds->count(id) > 0;
        return listed != focus->exceptContainers;
    }
    return focus->type == type && focus->id == id;
}

} // namespace drydock
