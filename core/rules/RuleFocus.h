#pragma once
#include "core/findings/Finding.h"

#include <string>

namespace drydock {

// Re-evaluating one object (live updates): while a RuleFocusScope lives on this thread, the rules that walk
// containers, images, networks or volumes look only at that object and the collector keeps only findings
// about it, while every lookup still sees the whole snapshot — so the object gets exactly the findings a
// full scan would give it. Thread-local and scoped, so it never leaks into another evaluation; kept out of
// RuleContext so that the rule interface stays as it is.
class RuleFocusScope
{
public:
    RuleFocusScope(ObjectType type, std::string id);
    ~RuleFocusScope();
    RuleFocusScope(const RuleFocusScope&) = delete;
    RuleFocusScope& operator=(const RuleFocusScope&) = delete;
};

// True without a focus, else only for the focused object.
bool inRuleFocus(ObjectType type, const std::string& id);

} // namespace drydock
