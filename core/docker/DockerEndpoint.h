#pragma once
#include "core/common/Result.h"

#include <string>

namespace drydock {

// Where a daemon listens and how to authenticate to it, as the docker CLI would resolve it.
struct DockerEndpoint
{
    enum class Kind
    {
        Unix,
        Tcp,
        Ssh // reached through `ssh host docker system dial-stdio` (SshTransport)
    };

    Kind kind = Kind::Unix;
    std::string socketPath; // Unix
    std::string host;       // Tcp/Ssh: host name or address
    int port = 0;           // Tcp: 2375 plain, 2376 TLS by convention
    std::string sshUser;    // Ssh
    bool tls = false;       // Tcp: use https
    bool tlsVerify = true;  // verify the daemon's certificate (never off unless the user asks)
    std::string caFile;     // ca.pem
    std::string certFile;   // cert.pem
    std::string keyFile;    // key.pem
    std::string contextName; // the Docker context this came from, "" when none
    std::string source;      // how it was chosen: "--host", "DOCKER_HOST", "context foo", "default"

    // "unix:///var/run/docker.sock", "tcp://127.0.0.1:2376", "ssh://user@host".
    std::string display() const;
};

// Refuses a host or ssh user that is more than a name: shell metacharacters, blanks, control characters, a
// leading '-' (ssh would read an option). Hosts and users come from contexts, DOCKER_HOST and saved endpoint
// lists that someone else may have written, and they reach ssh's argv and the commands Drydock suggests.
Result<void> checkEndpointNames(const DockerEndpoint& endpoint);

} // namespace drydock
