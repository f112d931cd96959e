#include "core/findings/FindingKey.h"

#include <cstdint>
#include <cstdio>

namespace drydock {

std::string fnv1a64Hex(std::string_view text)
{
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string findingKey(const Finding& f)
{
    std::string key;
    key.reserve(f.ruleId.size() + f.object.name.size() + f.discriminator.size() + 40);
    key += f.ruleId;
    key += '|';
    key += toString(f.object.type);
    key += '|';
    key += f.object.name.empty() ? f.object.id : f.object.name;
    key += '|';
    key += f.discriminator;
    key += '|';
    key += fnv1a64Hex(f.evidence);
    return key;
}

} // namespace drydock
