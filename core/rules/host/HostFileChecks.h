#pragma once
#include "core/model/HostFacts.h"

#include <string>
#include <vector>

namespace drydock {

// One CIS section-3 check of a Docker file on the host: who should own it, or which mode it may have at most.
// The rules, the inspector (which CIS ids a file it could not read leaves unchecked) and the fix script read
// this one table.
struct HostFileCheck
{
    const char* ruleId;
    const char* cisId; // 1.6.0
    const char* kind;  // HostFile::kind
    bool ownership;    // true: owner check; false: mode check
    const char* owner; // "root:root" or "root:docker" (ownership checks)
    unsigned maxMode;  // most permissive allowed mode (mode checks), e.g. 0644
};

const std::vector<HostFileCheck>& hostFileChecks();
const HostFileCheck* hostFileCheck(const std::string& ruleId);

// The permission bits of mode that maxMode does not allow (0 when the mode is fine), e.g. 0664 vs 0644 ->
// 020.
unsigned excessModeBits(unsigned mode, unsigned maxMode);
// "g-w,o-w" style chmod operand removing exactly those bits (never adds a permission).
std::string chmodRemoving(unsigned bits);
// "0644"
std::string octalMode(unsigned mode);
// True when file is owned as check.owner says ("root:docker": uid 0 and the group named docker).
bool ownedAsRequired(const HostFile& file, const HostFileCheck& check);

} // namespace drydock
