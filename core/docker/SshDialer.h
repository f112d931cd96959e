#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// Reaches a remote daemon the way the docker CLI does for ssh:// hosts: every connection accepted on a
// private unix socket (in a 0700 directory of its own) runs `ssh … host -- docker system dial-stdio` and
// relays bytes both ways, so an HTTP client that speaks to the socket speaks to the remote daemon.
//
// ssh runs without a shell (posix_spawnp), in BatchMode so it never prompts, with the user's environment
// (ssh-agent, ~/.ssh/config); Drydock never sees or stores a key or password. When ssh fails before the
// daemon answers, the first line ssh printed is kept so the caller can say what went wrong (host key,
// permission denied, docker missing on the remote host).
class SshDialer
{
public:
    // How to run ssh: the program, extra arguments, the connect timeout and where the socket goes.
    struct Options
    {
        std::string sshProgram = "ssh";          // looked up in PATH
        std::vector<std::string> extraArguments; // e.g. from DRYDOCK_SSH_OPTIONS: "-F", "/path/ssh_config"
        int connectTimeoutSeconds = 10;          // ssh -o ConnectTimeout
        std::string tempRoot = "/tmp";           // unix socket paths must stay short
    };

    // What ssh said when it failed, and its exit status.
    struct Failure
    {
        std::string message; // ssh's first meaningful stderr line, control characters removed
        int exitStatus = 0;  // 255: ssh itself failed; 127: command not found remotely
    };

    SshDialer(DockerEndpoint endpoint, Options options);
    ~SshDialer(); // stops: kills running ssh processes, removes socket and directory
    SshDialer(const SshDialer&) = delete;
    SshDialer& operator=(const SshDialer&) = delete;

    // Creates the private socket and starts accepting; the socket path is then socketPath().
    Result<void> start();
    void stop();
    std::string socketPath() const;

    // The ssh argument vector one connection runs (without the program name's path lookup).
    std::vector<std::string> commandLine() const;
    // The most recent ssh failure, if any, cleared by the call.
    std::optional<Failure> takeFailure();

    // Turns an ssh failure into the sentence a person reads: what happened and what to do.
    static Error explain(const Failure& failure, const DockerEndpoint& endpoint);
    // Splits DRYDOCK_SSH_OPTIONS-style text on whitespace (no quoting: paths with spaces are not supported).
    static std::vector<std::string> splitOptions(const std::string& text);
    // Starts ssh with these descriptors as its stdin, stdout and stderr and nothing else of ours, in its own
    // session (no controlling terminal, so it never prompts) with default SIGPIPE/SIGINT/SIGTERM handling.
    // Returns 0 and sets pid, or the errno of the failure (ENOENT: no ssh on this machine).
    static int spawnSsh(const std::string& program, const std::vector<std::string>& args, int in, int out,
                        int err, int& pid);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace drydock
