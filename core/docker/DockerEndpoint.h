#pragma once
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

} // namespace drydock
