#include "core/model/CapabilitySpelling.h"

#include "core/common/Strings.h"

namespace drydock {

namespace {

constexpr std::string_view kPrefix = "CAP_";

} // namespace

std::string normaliseCapability(std::string_view capability)
{
    std::string upper = toUpper(trim(capability));
    if (upper == "ALL" || upper.empty()) {
        return upper;
    }
    if (!startsWith(upper, kPrefix)) {
        upper.insert(0, kPrefix);
    }
    return upper;
}

std::string capabilityFlagValue(std::string_view capability)
{
    const std::string normal = normaliseCapability(capability);
    return startsWith(normal, kPrefix) ? normal.substr(kPrefix.size()) : normal;
}

bool sameCapability(std::string_view a, std::string_view b)
{
    return capabilityFlagValue(a) == capabilityFlagValue(b);
}

} // namespace drydock
