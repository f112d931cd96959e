#include "core/contents/ExternalScanner.h"

#include "core/common/Strings.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace drydock::external {

std::string findProgram(const std::string& program)
{
    const char* path = std::getenv("PATH");
    for (const auto& dir : split(path ? path : "/usr/local/bin:/usr/bin:/bin", ':')) {
        if (dir.empty()) {
            continue;
        }
        const std::string candidate = dir + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return {};
}

Result<std::string> run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                        int timeoutSeconds, std::size_t maxBytes, const CancelToken& cancel)
{
    if (argv.empty()) {
        return Error::make(ErrorCode::InvalidArgument, "No program to run.");
    }
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        return Error::make(ErrorCode::Io, std::string("Cannot create a pipe: ") + std::strerror(errno) + ".");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> envStrings;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const std::string_view key = entry.substr(0, entry.find('=') + 1);
        bool overridden = false;
        for (const auto& mine : env) {
            overridden = overridden || startsWith(mine, key);
        }
        if (!overridden) {
            envStrings.emplace_back(entry);
        }
    }
    envStrings.insert(envStrings.end(), env.begin(), env.end());
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : envStrings) {
        envp.push_back(const_cast<char*>(e.c_str()));
    }
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        return Error::make(ErrorCode::Io, "Cannot start " + argv[0] + ": " + std::strerror(spawned) + ".");
    }
    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    std::optional<Error> failure;
    char buffer[65536];
    for (;;) {
        if (cancel.isCancelled()) {
            failure = Error::make(ErrorCode::Cancelled, "Running " + argv[0] + " was cancelled.");
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            failure = Error::make(ErrorCode::Timeout,
                                  argv[0] + " did not finish within " + std::to_string(timeoutSeconds) +
                                      " s and was stopped; run it yourself and import its JSON "
                                      "report instead.");
            break;
        }
        pollfd p{out[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, 200);
        if (ready < 0 && errno != EINTR) {
            failure = Error::make(ErrorCode::Io,
                                  std::string("Waiting for the scanner failed: ") + std::strerror(errno));
            break;
        }
        if (ready <= 0) {
            continue;
        }
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        if (output.size() + static_cast<std::size_t>(n) > maxBytes) {
            failure = Error::make(ErrorCode::MalformedResponse, argv[0] + " wrote more than " +
                                                                    std::to_string(maxBytes / (1024 * 1024)) +
                                                                    " MiB of output; it was stopped.");
            break;
        }
        output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    if (failure) {
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (failure) {
        return *failure;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return Error::make(ErrorCode::Io, argv[0] + " failed (exit status " +
                                              std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                              "); run it by hand to see why, then import its JSON report.");
    }
    return output;
}

namespace {

constexpr std::size_t kMaxReportBytes = 512 * 1024 * 1024;

std::string dockerHost(const DockerEndpoint& endpoint)
{
    return endpoint.display();
}

Error notInstalled(const std::string& program, const std::string& how)
{
    return Error::make(ErrorCode::NotFound,
                       program + " is not installed (not found on PATH), so it was not run. " + how);
}

} // namespace

Result<std::string> runTrivy(const std::string& image, const DockerEndpoint& endpoint, int timeoutSeconds,
                             const CancelToken& cancel)
{
    const std::string trivy = findProgram("trivy");
    if (trivy.empty()) {
        return notInstalled("trivy",
                            "Install Trivy (https://trivy.dev) or import a report made elsewhere with "
                            "--import-trivy FILE.");
    }
    return run({trivy, "image", "--format", "json", "--quiet", "--skip-db-update", "--skip-java-db-update",
                "--offline-scan", "--docker-host", dockerHost(endpoint), image},
               {}, timeoutSeconds, kMaxReportBytes, cancel);
}

Result<std::string> runGrype(const std::string& image, const DockerEndpoint& endpoint, int timeoutSeconds,
                             const CancelToken& cancel)
{
    const std::string grype = findProgram("grype");
    if (grype.empty()) {
        return notInstalled("grype",
                            "Install Grype (https://github.com/anchore/grype) or import a report made "
                            "elsewhere with --import-grype FILE.");
    }
    return run({grype, "docker:" + image, "-o", "json", "-q"},
               {"GRYPE_DB_AUTO_UPDATE=false", "GRYPE_CHECK_FOR_APP_UPDATE=false",
                "DOCKER_HOST=" + dockerHost(endpoint)},
               timeoutSeconds, kMaxReportBytes, cancel);
}

} // namespace drydock::external
