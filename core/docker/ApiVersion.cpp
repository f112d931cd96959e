#include "core/docker/ApiVersion.h"

#include "core/common/Strings.h"

#include <charconv>

namespace drydock {

namespace {

// Digits only, no sign, no leading "+", at most 4 digits: API versions are small and anything else is junk.
bool parseNumber(std::string_view text, int& out)
{
    if (text.empty() || text.size() > 4) {
        return false;
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// The first Docker Engine release that speaks an API version, for messages people can act on.
std::string engineReleaseFor(ApiVersion version)
{
    if (version == ApiVersion(1, 41)) {
        return " (Docker Engine 20.10+)";
    }
    if (version == ApiVersion(1, 43)) {
        return " (Docker Engine 24.0+)";
    }
    if (version == ApiVersion(1, 44)) {
        return " (Docker Engine 25.0+)";
    }
    return {};
}

} // namespace

Result<ApiVersion> ApiVersion::parse(std::string_view text)
{
    const std::string trimmed = trim(text);
    const auto dot = trimmed.find('.');
    int major = 0;
    int minor = 0;
    if (dot == std::string::npos || !parseNumber(std::string_view(trimmed).substr(0, dot), major) ||
        !parseNumber(std::string_view(trimmed).substr(dot + 1), minor)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "\"" + truncateUtf8(trimmed, 40) +
                               "\" is not a Docker API version; expected the form major.minor, e.g. 1.41.");
    }
    return ApiVersion(major, minor);
}

Result<ApiVersion> ApiVersion::negotiate(std::string_view daemonApiVersion, ApiVersion clientMin,
                                         ApiVersion clientMax)
{
    auto daemon = parse(daemonApiVersion);
    if (!daemon) {
        return Error::make(
            ErrorCode::UnsupportedApiVersion,
            "The daemon reported the API version \"" + truncateUtf8(trim(daemonApiVersion), 40) +
                "\", which is not a Docker API version Drydock understands. Check that the endpoint "
                "is a Docker Engine (not another service on that port).");
    }
    if (daemon.value() < clientMin) {
        return Error::make(ErrorCode::UnsupportedApiVersion,
                           "The daemon speaks Docker API " + daemon->toString() + "; Drydock needs " +
                               clientMin.toString() + " or newer" + engineReleaseFor(clientMin) +
                               ". Upgrade Docker on that host, or connect to a newer daemon.");
    }
    return std::min(daemon.value(), clientMax);
}

} // namespace drydock
