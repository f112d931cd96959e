#include "core/rules/RuleFocus.h"

#include <optional>
#include <utility>

namespace drydock {

namespace {
thread_local std::optional<std::pair<ObjectType, std::string>> t_focus;
}

RuleFocusScope::RuleFocusScope(ObjectType type, std::string id) { t_focus.emplace(type, std::move(id)); }

RuleFocusScope::~RuleFocusScope() { t_focus.reset(); }

bool inRuleFocus(ObjectType type, const std::string& id)
{
    return !t_focus || (t_focus->first == type && t_focus->second == id);
}

} // namespace drydock
