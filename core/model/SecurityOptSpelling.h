#pragma once
#include <string>
#include <string_view>

// How Docker spells HostConfig.SecurityOpt entries: one splitter and one canonical form for the rules,
// the run-command builder and hardener and the create bodies.
namespace drydock {

// The two halves of one entry, split as dockerd and the docker CLI split it: on the first '=', else on the
// first ':' (the deprecated separator), else the whole entry is the key ("no-new-privileges", "disable").
// "label:type=x" has the key "label:type"; "label:type:svirt_t" has the key "label".
struct SecurityOptSplit
{
    std::string_view key;
    std::string_view value;
    bool hasSeparator = false;
};
SecurityOptSplit splitSecurityOpt(std::string_view text);

// One spelling per meaning, for comparing and writing entries: trimmed, "key=value" with '=' as the
// separator ("seccomp:unconfined" -> "seccomp=unconfined"), and a bare no-new-privileges means
// "no-new-privileges=true". Other bare words stay as written.
std::string canonicalSecurityOpt(std::string_view text);
// The key of the canonical spelling: "apparmor:x" -> "apparmor"; "no-new-privileges" -> "no-new-privileges".
std::string securityOptKey(std::string_view text);

} // namespace drydock
