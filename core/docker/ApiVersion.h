#pragma once
#include "core/common/Result.h"

#include <string>
#include <string_view>

namespace drydock {

// A Docker Engine API version "major.minor", with negotiation against what the daemon advertises.
class ApiVersion
{
public:
    ApiVersion() = default;
    ApiVersion(int major, int minor) : m_major(major), m_minor(minor) {}

    static Result<ApiVersion> parse(std::string_view text);
    // The highest version both sides speak: min(daemon's Api-Version, clientMax), refused below clientMin.
    static Result<ApiVersion> negotiate(std::string_view daemonApiVersion, ApiVersion clientMin, ApiVersion clientMax);

    static ApiVersion minimumSupported() { return {1, 41}; }
    static ApiVersion maximumSupported() { return {1, 51}; }

    int major() const { return m_major; }
    int minor() const { return m_minor; }
    std::string toString() const { return std::to_string(m_major) + "." + std::to_string(m_minor); }
    auto operator<=>(const ApiVersion&) const = default;

private:
    int m_major = 1;
    int m_minor = 41;
};

} // namespace drydock
