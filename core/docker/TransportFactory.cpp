#include "core/docker/TransportFactory.h"

#include "core/docker/CurlTransport.h"
#include "core/docker/SshTransport.h"

#include <cstdlib>

namespace drydock {

Result<std::unique_ptr<Transport>> makeTransport(const DockerEndpoint& endpoint)
{
    switch (endpoint.kind) {
    case DockerEndpoint::Kind::Unix:
        if (endpoint.socketPath.empty()) {
            return Error::make(
                ErrorCode::InvalidArgument,
                "The unix:// endpoint has no socket path; use e.g. unix:///var/run/docker.sock.");
        }
        return std::unique_ptr<Transport>(std::make_unique<CurlTransport>(endpoint));
    case DockerEndpoint::Kind::Tcp:
        if (endpoint.host.empty() || endpoint.port <= 0 || endpoint.port > 65535) {
            return Error::make(ErrorCode::InvalidArgument,
                               "The endpoint " + endpoint.display() +
                                   " needs a host and a port between 1 and 65535.");
        }
        return std::unique_ptr<Transport>(std::make_unique<CurlTransport>(endpoint));
    case DockerEndpoint::Kind::Ssh: {
        if (endpoint.host.empty()) {
            return Error::make(ErrorCode::InvalidArgument,
                               "The endpoint " + endpoint.display() + " names no host; use ssh://user@host.");
        }
        auto transport = SshTransport::open(endpoint, sshOptionsFromEnvironment());
        if (!transport) {
            return transport.error();
        }
        return std::unique_ptr<Transport>(std::move(transport.value()));
    }
    }
    return Error::make(ErrorCode::InvalidArgument, "Unknown endpoint kind.");
}

SshDialer::Options sshOptionsFromEnvironment()
{
    SshDialer::Options options;
    if (const char* extra = std::getenv("DRYDOCK_SSH_OPTIONS")) {
        options.extraArguments = SshDialer::splitOptions(extra);
    }
    return options;
}

} // namespace drydock
