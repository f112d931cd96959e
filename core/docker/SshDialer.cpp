#include "core/docker/SshDialer.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/docker/EndpointNames.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <list>
#include <mutex>
#include <thread>

extern char** environ;

namespace drydock {

namespace {

constexpr std::size_t kMaxStderrBytes = 8 * 1024;
constexpr std::size_t kRelayBuffer = 64 * 1024;
constexpr int kStderrGraceMs = 500;

void closeFd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// Writes everything or fails; MSG_NOSIGNAL so a peer that went away is an error, not a SIGPIPE.
bool sendAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// The line of ssh's stderr that says what happened: the last non-empty one that is not a notice (ssh
// prints banners and "Warning: Permanently added" before the actual reason).
std::string meaningfulLine(const std::string& text)
{
    std::string chosen;
    for (const auto& raw : split(text, '\n')) {
        const std::string line = trim(raw);
        if (line.empty() || startsWith(line, "Warning: Permanently added") || startsWith(line, "@@@")) {
            continue;
        }
        chosen = line;
    }
    return terminalText(chosen, 300);
}

// A Drydock that was killed (SIGKILL, a crash) leaves its private directory behind. Directories of ours
// whose socket nobody listens on any more are removed when the next dialer starts; anything else is left
// alone.
void removeStaleDirectories(const std::string& root)
{
    DIR* dir = ::opendir(root.c_str());
    if (!dir) {
        return;
    }
    int checked = 0;
    while (const dirent* entry = ::readdir(dir)) {
        if (std::strncmp(entry->d_name, "drydock-ssh-", 12) != 0 || ++checked > 64) {
            continue;
        }
        const std::string path = root + "/" + entry->d_name;
        struct stat st
        {
        };
        if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) {
            continue;
        }
        const std::string socket = path + "/docker.sock";
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (socket.size() >= sizeof(address.sun_path)) {
            continue;
        }
        std::memcpy(address.sun_path, socket.c_str(), socket.size() + 1);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            continue;
        }
        const bool listening = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
        const int why = errno;
        ::close(fd);
        if (!listening && (why == ECONNREFUSED || why == ENOENT)) {
            ::unlink(socket.c_str());
            ::rmdir(path.c_str()); // fails, harmlessly, when something else is in there
        }
    }
    ::closedir(dir);
}

} // namespace

// One ssh process carrying one connection, and the thread that waits for it.
struct SshSession
{
    pid_t pid = -1;
    std::thread thread;
    std::atomic<bool> done{false};
};

// SshDialer's state: the local socket it listens on, the ssh sessions behind it, the threads serving them.
struct SshDialer::Impl
{
    DockerEndpoint endpoint;
    Options options;
    std::string dir;
    std::string socket;
    int listenFd = -1;
    int wake[2] = {-1, -1}; // written once by stop(); every poll loop watches the read end
    std::thread acceptThread;
    std::mutex mutex;
    std::list<std::unique_ptr<SshSession>> sessions;
    std::optional<Failure> failure;
    std::atomic<bool> stopping{false};
    bool started = false;

    std::vector<std::string> argv() const
    {
        std::vector<std::string> args{options.sshProgram,
                                      "-o",
                                      "BatchMode=yes",
                                      "-o",
                                      "ConnectTimeout=" + std::to_string(options.connectTimeoutSeconds),
                                      "-T"};
        args.insert(args.end(), options.extraArguments.begin(), options.extraArguments.end());
        if (!endpoint.sshUser.empty()) {
            args.insert(args.end(), {"-l", endpoint.sshUser});
        }
        if (endpoint.port > 0) {
            args.insert(args.end(), {"-p", std::to_string(endpoint.port)});
        }
        args.insert(args.end(), {"--", endpoint.host, "docker", "system", "dial-stdio"});
        return args;
    }

    void acceptLoop();
    void relay(SshSession& session, int clientFd);
    void recordFailure(Failure f)
    {
        const std::lock_guard lock(mutex);
        failure = std::move(f);
    }
    void reapFinished()
    {
        const std::lock_guard lock(mutex);
        for (auto it = sessions.begin(); it != sessions.end();) {
            if ((*it)->done) {
                (*it)->thread.join();
                it = sessions.erase(it);
            } else {
                ++it;
            }
        }
    }
};

void SshDialer::Impl::acceptLoop()
{
    while (!stopping) {
        pollfd fds[2] = {{listenFd, POLLIN, 0}, {wake[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        if (fds[1].revents != 0) {
            return;
        }
        if ((fds[0].revents & POLLIN) == 0) {
            continue;
        }
        const int client = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            continue;
        }
        reapFinished();
        auto session = std::make_unique<SshSession>();
        SshSession* raw = session.get();
        const std::lock_guard lock(mutex);
        if (stopping) {
            ::close(client);
            return;
        }
        sessions.push_back(std::move(session));
        raw->thread = std::thread([this, raw, client] { relay(*raw, client); });
    }
}

void SshDialer::Impl::relay(SshSession& session, int clientFd)
{
    int pair[2] = {-1, -1};
    int errPipe[2] = {-1, -1};
    auto finishEarly = [&](const std::string& why) {
        recordFailure({why, -1});
        closeFd(pair[0]);
        closeFd(pair[1]);
        closeFd(errPipe[0]);
        closeFd(errPipe[1]);
        ::close(clientFd);
        session.done = true;
    };
    // One socket carries ssh's stdin and stdout, so our end can half-close (EOF to the remote side) and
    // writes never raise SIGPIPE.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0) {
        finishEarly(std::string("cannot create pipes for ssh: ") + std::strerror(errno));
        return;
    }
    // Nothing else of ours reaches ssh (an inherited HTTP connection would keep it half open for ever), and
    // Ctrl+C reaches Drydock, which then stops its children itself.
    int pid = -1;
    const int spawned = spawnSsh(options.sshProgram, argv(), pair[1], pair[1], errPipe[1], pid);
    if (spawned != 0) {
        finishEarly(spawned == ENOENT ? "ssh: command not found on this machine"
                                      : std::string("cannot start ssh: ") + std::strerror(spawned));
        return;
    }
    closeFd(pair[1]);
    closeFd(errPipe[1]);
    {
        const std::lock_guard lock(mutex);
        session.pid = pid;
    }
    if (stopping) {
        ::kill(pid, SIGTERM);
    }

    int io = pair[0];
    int errFd = errPipe[0];
    bool clientOpen = true; // still reading requests from the HTTP client
    bool sshOutOpen = true;
    bool errOpen = true;
    bool killIt = false;
    std::size_t fromSsh = 0;
    std::string errText;
    std::vector<char> buffer(kRelayBuffer);
    while (sshOutOpen || errOpen) {
        pollfd fds[4];
        nfds_t n = 0;
        const nfds_t wakeIndex = n;
        fds[n++] = {wake[0], POLLIN, 0};
        const nfds_t clientIndex = clientOpen ? n : nfds_t(99);
        if (clientOpen) {
            fds[n++] = {clientFd, POLLIN, 0};
        }
        const nfds_t outIndex = sshOutOpen ? n : nfds_t(99);
        if (sshOutOpen) {
            fds[n++] = {io, POLLIN, 0};
        }
        const nfds_t errIndex = errOpen ? n : nfds_t(99);
        if (errOpen) {
            fds[n++] = {errFd, POLLIN, 0};
        }
        // Once ssh's output has ended, its stderr gets a moment more: a ControlMaster that ssh forked (for
        // ControlPersist) can hold stderr open for minutes, and the connection must not wait for it.
        const int ready = ::poll(fds, n, sshOutOpen ? -1 : kStderrGraceMs);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            killIt = true;
            break;
        }
        if (ready == 0) {
            break;
        }
        if (fds[wakeIndex].revents != 0) {
            killIt = true;
            break;
        }
        if (clientIndex != 99 && fds[clientIndex].revents != 0) {
            const ssize_t got = ::recv(clientFd, buffer.data(), buffer.size(), 0);
            if (got <= 0) {
                // The HTTP client is done with this connection: EOF to the remote side ends dial-stdio.
                clientOpen = false;
                ::shutdown(io, SHUT_WR);
            } else if (!sendAll(io, buffer.data(), static_cast<std::size_t>(got))) {
                // ssh stopped reading (it failed and is exiting, typically before it read anything): stop
                // forwarding, but keep draining its output and stderr so its reason is not lost.
                clientOpen = false;
            }
        }
        if (outIndex != 99 && fds[outIndex].revents != 0) {
            const ssize_t got = ::recv(io, buffer.data(), buffer.size(), 0);
            if (got <= 0) {
                sshOutOpen = false;
            } else {
                fromSsh += static_cast<std::size_t>(got);
                if (!sendAll(clientFd, buffer.data(), static_cast<std::size_t>(got))) {
                    killIt = true;
                    break;
                }
            }
        }
        if (errIndex != 99 && fds[errIndex].revents != 0) {
            const ssize_t got = ::read(errFd, buffer.data(), buffer.size());
            if (got <= 0) {
                errOpen = false;
            } else if (errText.size() < kMaxStderrBytes) {
                errText.append(buffer.data(),
                               std::min(static_cast<std::size_t>(got), kMaxStderrBytes - errText.size()));
            }
        }
    }
    if (killIt) {
        ::kill(pid, SIGTERM);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    {
        const std::lock_guard lock(mutex);
        session.pid = -1;
    }
    const int exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    // A failure is ssh's (or the remote command's) only when nothing came back: once the daemon has
    // answered, a later exit is the normal end of a connection.
    if (!killIt && exitStatus != 0 && fromSsh == 0) {
        recordFailure({meaningfulLine(errText), exitStatus});
    }
    // Only now does the HTTP client see the connection close, so the failure is there when it asks.
    closeFd(io);
    closeFd(errFd);
    ::close(clientFd);
    session.done = true;
}

SshDialer::SshDialer(DockerEndpoint endpoint, Options options) : m_impl(std::make_unique<Impl>())
{
    m_impl->endpoint = std::move(endpoint);
    m_impl->options = std::move(options);
}

SshDialer::~SshDialer()
{
    stop();
}

Result<void> SshDialer::start()
{
    Impl& d = *m_impl;
    if (d.started) {
        return success();
    }
    if (d.endpoint.host.empty()) {
        return Error::make(ErrorCode::InvalidArgument, "The ssh endpoint " +
                                                           terminalText(d.endpoint.display(), 200) +
                                                           " has no usable host name; use ssh://user@host.");
    }
    // Checked again here, whoever built the endpoint: host and user go into ssh's argv.
    if (auto ok = checkEndpointNames(d.endpoint); !ok) {
        return ok.error();
    }
    removeStaleDirectories(d.options.tempRoot);
    std::string templ = d.options.tempRoot + "/drydock-ssh-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
        return Error::make(ErrorCode::Io, "Cannot create a private directory under " + d.options.tempRoot +
                                              " for the ssh connection (" + std::strerror(errno) +
                                              ") — check that it exists and is writable.");
    }
    d.dir = templ; // mkdtemp creates it with mode 0700
    d.socket = d.dir + "/docker.sock";
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (d.socket.size() >= sizeof(address.sun_path)) {
        stop();
        return Error::make(ErrorCode::InvalidArgument,
                           "The temporary directory path is too long for a unix socket; set TMPDIR shorter.");
    }
    std::memcpy(address.sun_path, d.socket.c_str(), d.socket.size() + 1);
    d.listenFd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (d.listenFd < 0 || ::bind(d.listenFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(d.listenFd, 64) != 0 || ::pipe2(d.wake, O_CLOEXEC) != 0) {
        const std::string why = std::strerror(errno);
        stop();
        return Error::make(ErrorCode::Io,
                           "Cannot open a private socket for the ssh connection (" + why + ").");
    }
    d.started = true;
    d.acceptThread = std::thread([&d] { d.acceptLoop(); });
    return success();
}

void SshDialer::stop()
{
    Impl& d = *m_impl;
    d.stopping = true;
    if (d.wake[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t ignored = ::write(d.wake[1], &byte, 1);
    }
    if (d.acceptThread.joinable()) {
        d.acceptThread.join();
    }
    {
        const std::lock_guard lock(d.mutex);
        for (auto& s : d.sessions) {
            if (s->pid > 0) {
                ::kill(s->pid, SIGTERM);
            }
        }
    }
    // Sessions see the wake pipe, kill and reap their ssh, and end; no new ones start while stopping.
    for (auto& s : d.sessions) {
        if (s->thread.joinable()) {
            s->thread.join();
        }
    }
    d.sessions.clear();
    closeFd(d.listenFd);
    closeFd(d.wake[0]);
    closeFd(d.wake[1]);
    if (!d.socket.empty()) {
        ::unlink(d.socket.c_str());
        d.socket.clear();
    }
    if (!d.dir.empty()) {
        ::rmdir(d.dir.c_str());
        d.dir.clear();
    }
    d.started = false;
}

std::string SshDialer::socketPath() const
{
    return m_impl->socket;
}

std::vector<std::string> SshDialer::commandLine() const
{
    return m_impl->argv();
}

std::optional<SshDialer::Failure> SshDialer::takeFailure()
{
    const std::lock_guard lock(m_impl->mutex);
    auto f = std::move(m_impl->failure);
    m_impl->failure.reset();
    return f;
}

int SshDialer::spawnSsh(const std::string& program, const std::vector<std::string>& args, int in, int out,
                        int err, int& pid)
{
    std::vector<char*> cargs;
    cargs.reserve(args.size() + 1);
    for (const auto& a : args) {
        cargs.push_back(const_cast<char*>(a.c_str()));
    }
    cargs.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, 0);
    posix_spawn_file_actions_adddup2(&actions, out, 1);
    posix_spawn_file_actions_adddup2(&actions, err, 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t child = -1;
    const int spawned = ::posix_spawnp(&child, program.c_str(), &actions, &attr, cargs.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    pid = static_cast<int>(child);
    return spawned;
}

std::vector<std::string> SshDialer::splitOptions(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        } else {
            word += c;
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

Error SshDialer::explain(const Failure& failure, const DockerEndpoint& endpoint)
{
    // Host and user came from a context or endpoint list: shown escaped, and the commands a person is told to
    // run are built as argv and shell-quoted, never pasted together.
    const std::string where = terminalText(endpoint.display(), 200);
    const std::string host = terminalText(endpoint.host, 120);
    const bool plainNames = checkEndpointNames(endpoint).ok();
    const auto sshCommand = [&endpoint, plainNames](std::vector<std::string> remote) {
        if (!plainNames) {
            return std::string("ssh HOST"); // a name that is refused anyway is never printed as a command
        }
        std::vector<std::string> argv{"ssh"};
        if (endpoint.port > 0) {
            argv.insert(argv.end(), {"-p", std::to_string(endpoint.port)});
        }
        if (!endpoint.sshUser.empty()) {
            argv.push_back(endpoint.sshUser + "@" + endpoint.host);
        } else {
            argv.push_back(endpoint.host);
        }
        argv.insert(argv.end(), remote.begin(), remote.end());
        return shellJoin(argv);
    };
    const std::string said = failure.message.empty() ? std::string("(ssh printed nothing)") : failure.message;
    const std::string quoted = " (ssh said: \"" + said + "\")";
    const std::string& m = failure.message;
    if (startsWith(m, "ssh: command not found")) {
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot reach " + where +
                               ": the ssh client is not installed on this machine — install openssh-client.");
    }
    if (containsIgnoreCase(m, "Host key verification failed") || containsIgnoreCase(m, "host key")) {
        return Error::make(ErrorCode::TlsFailure,
                           "Cannot reach " + where + ": the host key of " + host +
                               " is not known or has changed" + quoted + " — run `" + sshCommand({}) +
                               "` once to check and accept it. Drydock runs ssh in batch mode and never "
                               "accepts a host key for you.");
    }
    if (m.find("Permission denied (") != std::string::npos ||
        containsIgnoreCase(m, "Too many authentication")) {
        return Error::make(ErrorCode::PermissionDenied,
                           "Cannot reach " + where + ": " + host + " refused the ssh login" + quoted +
                               " — load your key into ssh-agent (`ssh-add`) or name it in ~/.ssh/config "
                               "(IdentityFile), and check that `" +
                               sshCommand({"docker", "version"}) +
                               "` works. Drydock never asks for a password.");
    }
    if (failure.exitStatus == 127 || containsIgnoreCase(m, "command not found") ||
        (containsIgnoreCase(m, "docker") &&
         (containsIgnoreCase(m, "not found") || containsIgnoreCase(m, "No such file")))) {
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot reach " + where + ": the docker CLI is not available on " + host + quoted +
                               " — install it there, or put it on the PATH of non-interactive ssh sessions "
                               "(`docker system dial-stdio` runs remotely).");
    }
    if (containsIgnoreCase(m, "permission denied while trying to connect") ||
        containsIgnoreCase(m, "Cannot connect to the Docker daemon") || containsIgnoreCase(m, "dial unix")) {
        return Error::make(
            ErrorCode::DaemonUnreachable,
            "The ssh login to " + host + " worked, but docker there cannot reach its daemon" + quoted +
                " — start dockerd on that host, or add the remote user to the `docker` group.");
    }
    if (containsIgnoreCase(m, "Could not resolve hostname")) {
        return Error::make(ErrorCode::DaemonUnreachable, "Cannot reach " + where + ": the host name \"" +
                                                             host + "\" cannot be resolved" + quoted +
                                                             " — check the spelling, or your DNS.");
    }
    if (containsIgnoreCase(m, "Connection refused") || containsIgnoreCase(m, "timed out") ||
        containsIgnoreCase(m, "No route to host") || containsIgnoreCase(m, "Network is unreachable")) {
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot reach " + where + ": no ssh server answered" + quoted +
                               " — check the host, the port and that sshd runs there.");
    }
    return Error::make(ErrorCode::DaemonUnreachable,
                       "Cannot reach " + where + ": ssh failed with exit status " +
                           std::to_string(failure.exitStatus) + quoted + " — check that `" +
                           sshCommand({"docker", "system", "dial-stdio"}) + "` works from this machine.");
}

} // namespace drydock
