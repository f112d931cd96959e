#pragma once
#include "core/docker/DockerEndpoint.h"
#include "core/docker/SshDialer.h"
#include "core/host/SshHostReader.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace drydock {

// One `ssh … HOST -- sh -s` session on an ssh:// endpoint's host for the host checks: the scripts
// SshHostReader writes go to the remote sh's stdin (so the user's login shell parses only "sh -s"), their
// output comes back up to the end line. Like SshDialer: ssh runs without a local shell, in BatchMode, in a
// session of its own; each run is bounded in time and in output; the session ends with the object.
class SshRemoteShell final : public RemoteShell
{
public:
    // Bounds of one run.
    struct Limits
    {
        int timeoutSeconds = 30;
        std::size_t maxOutputBytes = 16u << 20;
    };

    SshRemoteShell(DockerEndpoint endpoint, SshDialer::Options options, Limits limits);
    SshRemoteShell(DockerEndpoint endpoint, SshDialer::Options options)
        : SshRemoteShell(std::move(endpoint), std::move(options), Limits{})
    {
    }
    ~SshRemoteShell() override;
    SshRemoteShell(const SshRemoteShell&) = delete;
    SshRemoteShell& operator=(const SshRemoteShell&) = delete;

    Result<std::string> run(const std::string& script, const std::string& endLine) override;
    // The ssh argument vector the session runs.
    std::vector<std::string> commandLine() const;

private:
    Result<void> start();
    void stop();
    Error failure(const std::string& what);

    DockerEndpoint m_endpoint;
    SshDialer::Options m_options;
    Limits m_limits;
    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_err = -1;
    bool m_dead = false;
    std::string m_errText;
};

} // namespace drydock
