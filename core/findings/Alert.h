#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// One alert: risky findings that appeared on an object while Drydock watched, as one sentence for people.
// Never holds a secret value: the sentence is made of the object's name and the rules' titles, no evidence.
struct Alert
{
    std::int64_t id = 0; // in the history; 0 until stored
    std::int64_t atUnix = 0;
    std::string endpoint;
    ObjectRef object;
    std::vector<std::string> ruleIds;   // the new findings' rules, worst first
    Severity severity = Severity::Info; // the worst of them
    std::string sentence;               // "Container `web` was started: privileged container; …"
};

} // namespace drydock
