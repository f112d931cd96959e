#pragma once
#include "core/findings/Finding.h"

#include <optional>
#include <string>

namespace drydock {

// The one object a re-evaluation looks at (live updates), type and id as in its ObjectRef. A RuleContext and
// a FindingCollector carry it: the rules that walk containers, images, networks or volumes look only at that
// object and the collector keeps only findings about it, while every lookup still sees the whole snapshot, so
// the object gets exactly the findings a full scan would give it: a value of one evaluation, not shared state.
struct RuleFocus
{
    ObjectType type = ObjectType::Container;
    std::string id;
};

// True without a focus, else only for the focused object.
bool inRuleFocus(const std::optional<RuleFocus>& focus, ObjectType type, const std::string& id);

} // namespace drydock
