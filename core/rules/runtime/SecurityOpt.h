#pragma once
#include "core/model/Common.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One HostConfig.SecurityOpt entry, split the way dockerd splits it (splitSecurityOpt in
// core/model/SecurityOptSpelling.h: on the first '=', else on the first ':', else all of it is the key).
struct SecurityOpt
{
    std::string text; // the entry exactly as stored: evidence and RemoveValue edits quote it
    std::string key;
    std::string value;

    static SecurityOpt parse(std::string_view text);
};

// Every entry of a SecurityOpt list whose key is `key`, in order.
std::vector<SecurityOpt> securityOptsWithKey(const StringList& securityOpt, std::string_view key);

// Go's strconv.ParseBool, which dockerd applies to "no-new-privileges:<value>"; nullopt when not a boolean.
std::optional<bool> parseGoBool(std::string_view text);

// The value of "defaultAction" in an inlined seccomp profile, found by a plain scan rather than a JSON parser
// (rules never parse JSON). The key is matched case-insensitively because Go's decoder does the same.
// nullopt when the key is missing or its value is not a string.
std::optional<std::string> seccompDefaultAction(std::string_view profileJson);

} // namespace drydock
