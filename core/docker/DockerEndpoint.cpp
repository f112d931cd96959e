#include "core/docker/DockerEndpoint.h"

namespace drydock {

std::string DockerEndpoint::display() const
{
    switch (kind) {
    case Kind::Unix: return "unix://" + socketPath;
    case Kind::Tcp: return "tcp://" + host + ":" + std::to_string(port);
    case Kind::Ssh: return "ssh://" + (sshUser.empty() ? std::string() : sshUser + "@") + host +
                           (port ? ":" + std::to_string(port) : std::string());
    }
    return {};
}

} // namespace drydock
