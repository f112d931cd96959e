#include "core/host/SshRemoteShell.h"

#include "core/common/Strings.h"
#include "core/docker/EndpointNames.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace drydock {

namespace {

constexpr std::size_t kMaxStderrBytes = 8 * 1024;

void closeFd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// ssh's last meaningful stderr line (not a notice about added host keys).
std::string lastLine(const std::string& text)
{
    std::string chosen;
    for (const auto& raw : split(text, '\n')) {
        const std::string line = trim(raw);
        if (!line.empty() && !startsWith(line, "Warning: Permanently added") && !startsWith(line, "@@@")) {
            chosen = line;
        }
    }
    return terminalText(chosen, 300);
}

} // namespace

SshRemoteShell::SshRemoteShell(DockerEndpoint endpoint, SshDialer::Options options, Limits limits)
    : m_endpoint(std::move(endpoint)), m_options(std::move(options)), m_limits(limits)
{
}

SshRemoteShell::~SshRemoteShell()
{
    stop();
}

std::vector<std::string> SshRemoteShell::commandLine() const
{
    std::vector<std::string> args{m_options.sshProgram,
                                  "-o",
                                  "BatchMode=yes",
                                  "-o",
                                  "ConnectTimeout=" + std::to_string(m_options.connectTimeoutSeconds),
                                  "-T"};
    args.insert(args.end(), m_options.extraArguments.begin(), m_options.extraArguments.end());
    if (!m_endpoint.sshUser.empty()) {
        args.insert(args.end(), {"-l", m_endpoint.sshUser});
    }
    if (m_endpoint.port > 0) {
        args.insert(args.end(), {"-p", std::to_string(m_endpoint.port)});
    }
    args.insert(args.end(), {"--", m_endpoint.host, "sh", "-s"});
    return args;
}

Result<void> SshRemoteShell::start()
{
    if (m_pid > 0) {
        return success();
    }
    if (m_endpoint.host.empty()) {
        return Error::make(ErrorCode::InvalidArgument,
                           "The ssh endpoint has no host name; use ssh://user@host.");
    }
    if (auto ok = checkEndpointNames(m_endpoint); !ok) {
        return ok.error();
    }
    int in[2] = {-1, -1};
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    // stdin is a socket, so a write after ssh went away is an error (MSG_NOSIGNAL), never a SIGPIPE.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        ::pipe2(err, O_CLOEXEC) != 0) {
        const int why = errno;
        for (int* p : {in, out, err}) {
            closeFd(p[0]);
            closeFd(p[1]);
        }
        return Error::make(ErrorCode::Io, std::string("Cannot create pipes for ssh: ") + std::strerror(why));
    }
    int pid = -1;
    const int spawned = SshDialer::spawnSsh(m_options.sshProgram, commandLine(), in[0], out[1], err[1], pid);
    closeFd(in[0]);
    closeFd(out[1]);
    closeFd(err[1]);
    if (spawned != 0) {
        closeFd(in[1]);
        closeFd(out[0]);
        closeFd(err[0]);
        return SshDialer::explain({spawned == ENOENT
                                       ? "ssh: command not found on this machine"
                                       : std::string("cannot start ssh: ") + std::strerror(spawned),
                                   -1},
                                  m_endpoint);
    }
    m_pid = pid;
    m_in = in[1];
    m_out = out[0];
    m_err = err[0];
    for (int fd : {m_in, m_out, m_err}) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    return success();
}

void SshRemoteShell::stop()
{
    closeFd(m_in); // EOF: the remote sh ends
    if (m_pid > 0) {
        // A moment for a clean exit, then ssh is stopped.
        int status = 0;
        pid_t done = 0;
        for (int i = 0; i < 20 && (done = ::waitpid(m_pid, &status, WNOHANG)) == 0; ++i) {
            ::usleep(25 * 1000);
        }
        if (done == 0) {
            ::kill(m_pid, SIGTERM);
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
        m_pid = -1;
    }
    closeFd(m_out);
    closeFd(m_err);
}

Error SshRemoteShell::failure(const std::string& what)
{
    // What ssh still has to say (it prints its reason as it exits), for half a second at most.
    char buffer[4096];
    while (m_err >= 0 && m_errText.size() < kMaxStderrBytes) {
        pollfd p{m_err, POLLIN, 0};
        if (::poll(&p, 1, 500) <= 0) {
            break;
        }
        const ssize_t got = ::read(m_err, buffer, sizeof buffer);
        if (got <= 0) {
            break;
        }
        m_errText.append(buffer, std::min(static_cast<std::size_t>(got), kMaxStderrBytes - m_errText.size()));
    }
    const std::string said = lastLine(m_errText);
    m_dead = true;
    stop();
    if (!said.empty()) {
        Error e = SshDialer::explain({said, 255}, m_endpoint);
        e.message = "Host checks over ssh: " + e.message;
        return e;
    }
    return Error::make(ErrorCode::DaemonUnreachable, "Host checks over ssh: " + what);
}

Result<std::string> SshRemoteShell::run(const std::string& script, const std::string& endLine)
{
    if (m_dead) {
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Host checks over ssh: the session to the daemon's host has ended.");
    }
    if (auto ok = start(); !ok) {
        m_dead = true;
        return ok.error();
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(m_limits.timeoutSeconds);
    std::size_t written = 0;
    std::string output;
    const std::string end = endLine + "\n";
    char buffer[65536];
    for (;;) {
        if (output.size() >= end.size() && output.compare(output.size() - end.size(), end.size(), end) == 0 &&
            (output.size() == end.size() || output[output.size() - end.size() - 1] == '\n')) {
            return output;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        if (left <= 0) {
            return failure("the daemon's host did not answer within " +
                           std::to_string(m_limits.timeoutSeconds) + " s; the host checks were not run.");
        }
        pollfd fds[3];
        nfds_t n = 0;
        fds[n++] = {m_out, POLLIN, 0};
        fds[n++] = {m_err, POLLIN, 0};
        const bool writing = written < script.size() && m_in >= 0;
        if (writing) {
            fds[n++] = {m_in, POLLOUT, 0};
        }
        const int ready = ::poll(fds, n, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            return failure(std::string("poll failed: ") + std::strerror(errno));
        }
        if (writing && fds[2].revents != 0) {
            const ssize_t w = ::send(m_in, script.data() + written, script.size() - written, MSG_NOSIGNAL);
            if (w > 0) {
                written += static_cast<std::size_t>(w);
            } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
                written = script.size(); // ssh is going away: its output and stderr say why
            }
        }
        if (fds[1].revents != 0) {
            const ssize_t got = ::read(m_err, buffer, sizeof buffer);
            if (got == 0) {
                closeFd(m_err); // poll ignores it from now on
            } else if (got > 0 && m_errText.size() < kMaxStderrBytes) {
                m_errText.append(buffer,
                                 std::min(static_cast<std::size_t>(got), kMaxStderrBytes - m_errText.size()));
            }
        }
        if (fds[0].revents != 0) {
            const ssize_t got = ::read(m_out, buffer, sizeof buffer);
            if (got == 0) {
                if (output.empty()) {
                    return failure("ssh ended without running the script.");
                }
                m_dead = true;
                stop();
                return output; // cut short: the reader marks what is missing
            }
            if (got > 0) {
                output.append(buffer, static_cast<std::size_t>(got));
                if (output.size() > m_limits.maxOutputBytes) {
                    output.resize(m_limits.maxOutputBytes);
                    m_dead = true;
                    stop();
                    return output; // the reader marks the reads past the limit as cut off
                }
            }
        }
    }
}

} // namespace drydock
