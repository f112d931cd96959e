#include "core/docker/TransportFactory.h"

#include "core/docker/CurlTransport.h"

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
    case DockerEndpoint::Kind::Ssh:
        return Error::make(ErrorCode::InvalidArgument,
                           "ssh:// endpoints are not supported yet; Drydock cannot reach " +
                               endpoint.display() +
                               " directly. Forward the remote socket instead (for example `ssh -NL "
                               "/tmp/docker.sock:/var/run/docker.sock " +
                               (endpoint.sshUser.empty() ? std::string() : endpoint.sshUser + "@") +
                               endpoint.host + "`) and connect to unix:///tmp/docker.sock.");
    }
    return Error::make(ErrorCode::InvalidArgument, "Unknown endpoint kind.");
}

} // namespace drydock
