#include "core/docker/EndpointNames.h"

#include "core/common/Strings.h"

#include <algorithm>

namespace drydock {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

// Host names, IPv4 and IPv6 addresses (without brackets, with an optional %zone).
bool isHostChar(char c)
{
    return isNameChar(c) || c == ':' || c == '%';
}

Error refused(const std::string& what, const std::string& value)
{
    // The value is shown escaped: it may hold terminal control sequences.
    return Error::make(
        ErrorCode::InvalidArgument,
        "The " + what + " \"" + terminalText(value, 80) +
            "\" is not a plain name: only letters, digits, '.', '-' and '_' are accepted (and ':' "
            "in an IPv6 address), and it must not start with '-'. Fix the Docker context, "
            "DOCKER_HOST or saved endpoint that names it.");
}

} // namespace

Result<void> checkEndpointNames(const DockerEndpoint& endpoint)
{
    if (endpoint.kind == DockerEndpoint::Kind::Unix) {
        return success();
    }
    const std::string& host = endpoint.host;
    if (host.empty() || host.front() == '-' || !std::all_of(host.begin(), host.end(), isHostChar)) {
        return refused(endpoint.kind == DockerEndpoint::Kind::Ssh ? "ssh host" : "Docker host", host);
    }
    const std::string& user = endpoint.sshUser;
    if (!user.empty() && (user.front() == '-' || !std::all_of(user.begin(), user.end(), isNameChar))) {
        return refused("ssh user", user);
    }
    return success();
}

} // namespace drydock
