#include "core/host/SshHostReader.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/host/DaemonProcess.h"
#include "core/host/HostInspector.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

namespace drydock {

namespace {

constexpr std::size_t kMaxPathBytes = 4096;

bool allowedPathChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '_' || c == '-' || c == '+' || c == ':' || c == '@' || c == ',' || c == '=' ||
           c == '%';
}

std::string randomNonce()
{
    unsigned char bytes[16] = {};
    std::size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    std::string out = "drydock-";
    char hex[3];
    for (unsigned char b : bytes) {
        std::snprintf(hex, sizeof hex, "%02x", b);
        out += hex;
    }
    return out;
}

bool isDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* commandName(RemoteRead what)
{
    switch (what) {
    case RemoteRead::File:
        return "head";
    case RemoteRead::Stat:
        return "stat";
    case RemoteRead::List:
        return "ls";
    case RemoteRead::Link:
        return "readlink";
    case RemoteRead::Processes:
        return "ps";
    case RemoteRead::DockerHost:
        return "printenv";
    }
    return "?";
}

} // namespace

Result<void> checkRemotePath(std::string_view path)
{
    const std::string shown = terminalText(path, 200);
    if (path.empty() || path.front() != '/') {
        return Error::make(ErrorCode::InvalidArgument,
                           "the path \"" + shown + "\" is not absolute, so it is not read over ssh");
    }
    if (path.size() > kMaxPathBytes) {
        return Error::make(ErrorCode::InvalidArgument, "a path of " + std::to_string(path.size()) +
                                                           " bytes is too long to read over ssh");
    }
    if (!std::all_of(path.begin(), path.end(), allowedPathChar)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "the path \"" + shown +
                               "\" has characters Drydock never sends to a remote shell (quotes, spaces, $, "
                               "globs, control or non-ASCII bytes)");
    }
    for (const auto& part : split(path, '/')) {
        if (part == "..") {
            return Error::make(ErrorCode::InvalidArgument,
                               "the path \"" + shown + "\" climbs with \"..\", so it is not read over ssh");
        }
    }
    return success();
}

Result<std::vector<std::string>> remoteArgv(const RemoteRequest& request, std::size_t fileLimit)
{
    switch (request.what) {
    case RemoteRead::Processes:
        return std::vector<std::string>{"ps", "-e", "-o", "pid=", "-o", "comm="};
    case RemoteRead::DockerHost:
        return std::vector<std::string>{"printenv", "DOCKER_HOST"};
    default:
        break;
    }
    if (auto ok = checkRemotePath(request.path); !ok) {
        return ok.error();
    }
    switch (request.what) {
    case RemoteRead::File:
        return std::vector<std::string>{"head", "-c", std::to_string(fileLimit), "--", request.path};
    case RemoteRead::Stat:
        return std::vector<std::string>{"stat", "-L", "-c", "%u %g %f", "--", request.path};
    case RemoteRead::List:
        return std::vector<std::string>{"ls", "-1A", "--", request.path};
    case RemoteRead::Link:
        return std::vector<std::string>{"readlink", "--", request.path};
    default:
        break;
    }
    return Error::make(ErrorCode::Internal, "unknown remote read");
}

SshHostReader::SshHostReader(RemoteShell& shell, Limits limits, std::string nonce)
    : m_shell(shell), m_limits(limits), m_nonce(nonce.empty() ? randomNonce() : std::move(nonce))
{
}

void SshHostReader::refuse(const RemoteRequest& request, const std::string& why) const
{
    Answer a;
    a.problem = why; // the item's verdict says "not checked"; this says why
    if (m_firstProblem.empty()) {
        m_firstProblem = a.problem;
    }
    m_answers[request] = std::move(a);
}

const SshHostReader::Answer* SshHostReader::answer(RemoteRead what, std::string_view path) const
{
    const RemoteRequest request{what, std::string(path)};
    if (const auto it = m_answers.find(request); it != m_answers.end()) {
        return &it->second;
    }
    if (auto argv = remoteArgv(request, m_limits.fileBytes); !argv) {
        refuse(request, argv.error().message);
        return &m_answers[request];
    }
    if (std::find(m_pending.begin(), m_pending.end(), request) == m_pending.end()) {
        m_pending.push_back(request);
    }
    return nullptr;
}

namespace {

// What a failed command's message means, as HostView says it for the same errno.
void classify(const std::string& output, std::string_view path, HostReadStatus& status, std::string& problem)
{
    const std::string lower = toLower(output);
    if (contains(lower, "permission denied") || contains(lower, "operation not permitted")) {
        status = HostReadStatus::Unreadable;
        problem = "needs root: " + std::string(path) + " is not readable";
    } else if (contains(lower, "no such file") || contains(lower, "not a directory")) {
        status = HostReadStatus::Absent;
        problem = std::string(path) + " does not exist";
    } else {
        status = HostReadStatus::Unreadable;
        const auto lines = split(trim(output), '\n');
        problem = std::string(path) + ": " +
                  terminalText(lines.empty() ? std::string("failed on the remote host") : lines.back(), 200);
    }
}

// The answer when its command succeeded. Otherwise null, with out saying why there is none: not read yet, the
// session's problem (a cut or garbled answer), or the command's own error read as the local view reads errno.
template <class AnswerT, class Out>
const AnswerT* succeeded(const AnswerT* a, std::string_view path, Out& out)
{
    if (a == nullptr) {
        out.problem = "not read yet";
    } else if (!a->ok) {
        out.status = HostReadStatus::Unreadable;
        out.problem = a->problem;
    } else if (a->status != 0) {
        classify(a->output, path, out.status, out.problem);
    } else {
        return a;
    }
    return nullptr;
}

} // namespace

HostText SshHostReader::readFile(std::string_view path, std::size_t maxBytes) const
{
    HostText out;
    if (const Answer* a = succeeded(answer(RemoteRead::File, path), path, out)) {
        out.status = HostReadStatus::Ok;
        out.text = a->output.substr(0, std::min(maxBytes, m_limits.fileBytes));
    }
    return out;
}

HostStat SshHostReader::stat(std::string_view path) const
{
    HostStat out;
    const Answer* a = succeeded(answer(RemoteRead::Stat, path), path, out);
    if (a == nullptr) {
        return out;
    }
    // "0 0 81a4": uid, gid and st_mode in hex.
    std::vector<std::string> f;
    for (const auto& w : split(trim(a->output), ' ')) {
        if (!w.empty()) {
            f.push_back(w);
        }
    }
    const bool hex = f.size() == 3 && !f[2].empty() && f[2].size() <= 8 &&
                     f[2].find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    if (!hex || !isDigits(f[0]) || !isDigits(f[1]) || f[0].size() > 10 || f[1].size() > 10) {
        out.status = HostReadStatus::Unreadable;
        out.problem = "stat of " + std::string(path) + " answered something unexpected over ssh";
        if (m_firstProblem.empty()) {
            m_firstProblem = out.problem;
        }
        return out;
    }
    const unsigned long mode = std::strtoul(f[2].c_str(), nullptr, 16);
    out.status = HostReadStatus::Ok;
    out.uid = static_cast<unsigned>(std::strtoul(f[0].c_str(), nullptr, 10));
    out.gid = static_cast<unsigned>(std::strtoul(f[1].c_str(), nullptr, 10));
    out.mode = static_cast<unsigned>(mode & 07777);
    out.directory = (mode & 0170000) == 0040000;
    out.socket = (mode & 0170000) == 0140000;
    out.regular = (mode & 0170000) == 0100000;
    return out;
}

HostListing SshHostReader::list(std::string_view directory) const
{
    HostListing out;
    const Answer* a = succeeded(answer(RemoteRead::List, directory), directory, out);
    if (a == nullptr) {
        return out;
    }
    for (const auto& name : split(a->output, '\n')) {
        if (!name.empty() && name != "." && name != "..") {
            out.names.push_back(name);
        }
    }
    std::sort(out.names.begin(), out.names.end());
    out.status = HostReadStatus::Ok;
    return out;
}

HostText SshHostReader::readLink(std::string_view path) const
{
    HostText out;
    const Answer* a = answer(RemoteRead::Link, path);
    if (a != nullptr && a->ok && a->status != 0 && trim(a->output).empty()) {
        // readlink without -v says nothing: not a link, or absent.
        out.status = HostReadStatus::Absent;
        out.problem = std::string(path) + " is not a symbolic link";
    } else if ((a = succeeded(a, path, out)) != nullptr) {
        out.status = HostReadStatus::Ok;
        out.text = a->output;
        if (!out.text.empty() && out.text.back() == '\n') {
            out.text.pop_back();
        }
    }
    return out;
}

HostListing SshHostReader::processIds(std::string_view name) const
{
    HostListing out;
    const Answer* a = answer(RemoteRead::Processes, {});
    if (a == nullptr) {
        out.problem = "not read yet";
        return out;
    }
    if (!a->ok || a->status != 0) {
        out.status = HostReadStatus::Unreadable;
        out.problem =
            !a->ok ? a->problem : "ps failed on the daemon's host: " + terminalText(trim(a->output), 200);
        return out;
    }
    for (const auto& line : split(a->output, '\n')) {
        const std::string t = trim(line);
        const auto space = t.find_first_of(" \t");
        if (space == std::string::npos) {
            continue;
        }
        const std::string pid = t.substr(0, space);
        if (isDigits(pid) && pid.size() < 10 && trim(t.substr(space)) == name) {
            out.names.push_back(pid);
        }
    }
    out.status = HostReadStatus::Ok;
    return out;
}

std::optional<std::string> SshHostReader::dockerHost() const
{
    const Answer* a = answer(RemoteRead::DockerHost, {});
    if (a == nullptr || !a->ok) {
        return std::nullopt;
    }
    if (a->status != 0) {
        return std::string(); // printenv exits 1 when the variable is unset
    }
    return trim(a->output);
}

std::string SshHostReader::script() const
{
    // The fixed prologue: C messages (errors are recognised by their English text), system binaries first,
    // and the two framing functions. Every line after it is one allow-listed command whose words come from
    // remoteArgv, each quoted for POSIX sh, reading nothing from stdin (the script itself arrives there).
    std::string s = "LC_ALL=C; export LC_ALL; PATH=/usr/bin:/bin:/usr/sbin:/sbin; export PATH\n"
                    "b() { printf '%s %s begin\\n' " +
                    m_nonce +
                    " \"$1\"; }\n"
                    "e() { printf '\\n%s %s end %s\\n' " +
                    m_nonce + " \"$1\" \"$2\"; }\n";
    const std::size_t count = std::min(m_pending.size(), m_limits.requestsPerRound);
    for (std::size_t i = 0; i < count; ++i) {
        auto argv = remoteArgv(m_pending[i], m_limits.fileBytes);
        if (!argv) {
            continue; // refused when noted; never here
        }
        const std::string n = std::to_string(i);
        s += "b " + n + "; " + shellJoinPortable(argv.value()) + " </dev/null 2>&1; e " + n + " $?\n";
    }
    s += "printf '%s done\\n' " + m_nonce + "\n";
    return s;
}

Result<void> SshHostReader::fetch()
{
    if (m_pending.empty()) {
        return success();
    }
    const std::string text = script();
    auto output = m_shell.run(text, m_nonce + " done");
    if (!output) {
        return output.error();
    }
    ++m_rounds;
    const std::string& out = output.value();
    const std::size_t count = std::min(m_pending.size(), m_limits.requestsPerRound);
    std::size_t pos = 0;
    std::size_t i = 0;
    for (; i < count; ++i) {
        const std::string begin = m_nonce + " " + std::to_string(i) + " begin\n";
        std::size_t at = out.find(begin, pos);
        while (at != std::string::npos && at != 0 && out[at - 1] != '\n') {
            at = out.find(begin, at + 1);
        }
        if (at == std::string::npos) {
            break;
        }
        const std::size_t start = at + begin.size();
        const std::string endTag = "\n" + m_nonce + " " + std::to_string(i) + " end ";
        const std::size_t end = out.find(endTag, start);
        if (end == std::string::npos) {
            break;
        }
        const std::size_t statusStart = end + endTag.size();
        const std::size_t newline = out.find('\n', statusStart);
        if (newline == std::string::npos) {
            break;
        }
        const std::string status = out.substr(statusStart, newline - statusStart);
        if (!isDigits(status) || status.size() > 3) {
            break;
        }
        Answer a;
        a.ok = true;
        a.output = out.substr(start, end - start);
        a.status = std::atoi(status.c_str());
        m_answers[m_pending[i]] = std::move(a);
        pos = newline + 1;
    }
    for (std::size_t j = i; j < count; ++j) {
        const RemoteRequest& r = m_pending[j];
        const std::string what = r.path.empty() ? std::string(commandName(r.what)) : r.path;
        refuse(r, "the answer over ssh was cut off or garbled (reading " + terminalText(what, 200) + ")");
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(count));
    return success();
}

void SshHostReader::giveUp(const std::string& why)
{
    for (const auto& r : m_pending) {
        refuse(r, why);
    }
    m_pending.clear();
}

Result<std::string> remoteDockerSocket(const std::string& dockerHost)
{
    if (dockerHost.empty()) {
        return std::string("/var/run/docker.sock");
    }
    if (startsWith(dockerHost, "unix://") && dockerHost.size() > 7) {
        return dockerHost.substr(7);
    }
    return Error::make(ErrorCode::NotFound,
                       "not checked: the remote docker reaches its daemon through DOCKER_HOST=" +
                           terminalText(dockerHost, 200) + ", not a socket on that host");
}

Result<HostFacts> inspectOverSsh(RemoteShell& shell, const DaemonInfo& daemon, SshHostReader::Limits limits)
{
    SshHostReader reader(shell, limits);
    std::optional<Result<HostFacts>> facts;
    std::string socket;
    // Each pass reads what the previous answers made known (the process list, then its command line, then
    // its daemon.json, then the files that names …); the passes stop when a pass needs nothing new.
    for (int pass = 0; pass < limits.rounds + 8; ++pass) {
        facts.reset();
        const auto dockerHost = reader.dockerHost();
        if (!dockerHost) {
            reader.processIds("dockerd"); // asked in the same round: the inspection needs it first
        } else {
            auto s = remoteDockerSocket(*dockerHost);
            if (!s) {
                return s.error();
            }
            socket = s.value();
            facts = HostInspector(reader).inspect(socket, daemon);
        }
        if (!reader.hasPending()) {
            break;
        }
        if (reader.rounds() >= limits.rounds) {
            reader.giveUp("the host's answers over ssh needed more than " + std::to_string(limits.rounds) +
                          " rounds");
            continue;
        }
        if (auto ok = reader.fetch(); !ok) {
            return ok.error();
        }
    }
    if (!facts) {
        return Error::make(ErrorCode::MalformedResponse,
                           reader.firstProblem().empty()
                               ? std::string("not checked: the daemon's host did not say which docker socket "
                                             "it uses (DOCKER_HOST)")
                               : "not checked: " + reader.firstProblem());
    }
    if (!*facts) {
        if (facts->error().code != ErrorCode::NotFound) {
            return facts->error();
        }
        return Error::make(
            ErrorCode::NotFound,
            "not checked: no dockerd serving " + socket + " is visible on the daemon's host" +
                (reader.firstProblem().empty() ? std::string() : " (" + reader.firstProblem() + ")"));
    }
    HostFacts& f = facts->value();
    if (f.daemonPid != 0 && !daemon.dockerRootDir.empty()) {
        // The API's DockerRootDir is the data root (with userns-remap, a directory below it).
        const HostSetting* configured = f.setting("data-root");
        std::string expected = configured ? configured->value : "/var/lib/docker";
        while (expected.size() > 1 && expected.back() == '/') {
            expected.pop_back();
        }
        const std::string& api = daemon.dockerRootDir;
        if (api != expected && !startsWith(api, expected + "/")) {
            return Error::make(ErrorCode::NotFound,
                               "not checked: the dockerd serving " + socket +
                                   " on the daemon's host has data root " + terminalText(expected, 200) +
                                   " but the API reports " + terminalText(api, 200) +
                                   ": another daemon (a docker context on the remote side?) answers the API");
        }
    }
    return std::move(facts->value());
}

} // namespace drydock
