#pragma once
#include "core/findings/Finding.h"

#include <optional>
#include <string>
#include <unordered_set>

namespace drydock {

// The one object a re-evaluation looks at (live updates), type and id as in its ObjectRef. A RuleContext and
// a FindingCollector carry it: the rules that walk containers, images, networks or volumes look only at that
// object and the collector keeps only findings about it, while every lookup still sees the whole snapshot, so
// the object gets exactly the findings a full scan would give it: a value of one evaluation, not shared
// state. A slice of a progressive scan is the same idea for many objects: the containers with the given ids,
// or (with exceptContainers) every object but those containers.
struct RuleFocus
{
    ObjectType type = ObjectType::Container;
    std::string id;
    const std::unordered_set<std::string>* containerIds = nullptr; // not owned; set for a slice, id unused
    bool exceptContainers = false;
};

// True without a focus, else only for the focused object (or the objects of a slice).
bool inRuleFocus(const std::optional<RuleFocus>& focus, ObjectType type, const std::string& id);

} // namespace drydock
