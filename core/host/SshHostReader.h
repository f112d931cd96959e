#pragma once
#include "core/common/Result.h"
#include "core/host/HostReader.h"
#include "core/model/DaemonInfo.h"
#include "core/model/HostFacts.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace drydock {

// Runs POSIX sh text on the daemon's host and returns what it printed on stdout up to and including the line
// endLine; one object is one connection, kept for several runs (SshRemoteShell; a fake in tests).
class RemoteShell
{
public:
    virtual ~RemoteShell() = default;
    // The output, possibly cut short (a size limit) — the caller checks its framing; an error when nothing
    // usable came back (ssh failed, timeout).
    virtual Result<std::string> run(const std::string& script, const std::string& endLine) = 0;
};

// The one list of what Drydock runs on a remote host for the host checks: read-only commands with fixed
// options, a validated path their only variable part. Nothing else is ever sent to the remote shell.
enum class RemoteRead
{
    File,        // head -c LIMIT -- PATH          (a file's text, at most LIMIT bytes)
    Stat,        // stat -L -c '%u %g %f' -- PATH  (owner, group, raw mode in hex; follows symlinks)
    List,        // ls -1A -- PATH                  (a directory's entries)
    Link,        // readlink -- PATH                (a symlink's target: /proc/PID/exe)
    Processes,   // ps -e -o pid= -o comm=          (every process's id and name; no command lines)
    DockerHost,  // printenv DOCKER_HOST            (which daemon the remote `docker` talks to)
};

// One allow-listed read: the command and its path (empty for Processes and DockerHost).
struct RemoteRequest
{
    RemoteRead what = RemoteRead::File;
    std::string path;
    bool operator<(const RemoteRequest& o) const { return std::tie(what, path) < std::tie(o.what, o.path); }
    bool operator==(const RemoteRequest& o) const { return what == o.what && path == o.path; }
};

// Whether path may be sent to a remote shell: absolute, at most 4096 bytes, no "..", and only letters,
// digits and / . _ - + : @ , = % — no quote, space, glob, $, backquote, control or non-ASCII byte. Quoting
// would make the others harmless too; refusing them keeps a hostile daemon.json from reaching the shell at
// all. An error in words otherwise (the path shown with hidden characters escaped).
Result<void> checkRemotePath(std::string_view path);

// The argv that runs request on the remote host (fileLimit bytes for File), or the refusal for its path.
Result<std::vector<std::string>> remoteArgv(const RemoteRequest& request, std::size_t fileLimit);

// Reads the far end of an ssh:// endpoint through a RemoteShell, in rounds: a read not fetched yet is noted
// and answered as absent; fetch() then sends every noted read as one script (each command's output framed by
// lines carrying a random nonce and its exit status) and keeps the answers. The caller reruns its reading
// until nothing new is noted (inspectOverSsh). Answers that are cut off, garbled or refused become
// "not checked: …" — never a crash, never a guess.
class SshHostReader final : public HostReader
{
public:
    // Bounds of one inspection.
    struct Limits
    {
        std::size_t fileBytes = 1u << 20; // per file read (daemon.json, audit rules, /etc/group, …)
        std::size_t requestsPerRound = 512;
        int rounds = 8;
    };

    // nonce: the framing marker, random unless a test fixes it (hex digits only).
    explicit SshHostReader(RemoteShell& shell, Limits limits, std::string nonce = {});
    SshHostReader(RemoteShell& shell) : SshHostReader(shell, Limits{}) {}

    HostText readFile(std::string_view path, std::size_t maxBytes = 4u << 20) const override;
    HostStat stat(std::string_view path) const override;
    HostListing list(std::string_view directory) const override;
    HostText readLink(std::string_view path) const override;
    HostListing processIds(std::string_view name) const override; // the pids ps names so (comm)
    // DOCKER_HOST as the remote session has it ("" when unset); nullopt until fetched (noted then).
    std::optional<std::string> dockerHost() const;

    bool hasPending() const { return !m_pending.empty(); }
    // Runs every noted read as one remote script. An error when the shell gave nothing usable (the noted
    // reads then stay noted); a garbled or cut answer is not an error: those reads answer "not checked".
    Result<void> fetch();
    // Answers every noted read with why (rounds exhausted) so that a last reading completes.
    void giveUp(const std::string& why);
    // The script fetch() would send now (tests look at its quoting).
    std::string script() const;
    // The first garbled, cut or refused answer, in words; empty when all was well.
    const std::string& firstProblem() const { return m_firstProblem; }
    int rounds() const { return m_rounds; }

private:
    // One answer: the command's output and exit status, or why there is none.
    struct Answer
    {
        bool ok = false; // framing intact: output and status are the command's
        std::string output;
        int status = 0;
        std::string problem; // when !ok: "not checked: …"
    };
    const Answer* answer(RemoteRead what, std::string_view path) const;
    void refuse(const RemoteRequest& request, const std::string& why) const;

    RemoteShell& m_shell;
    Limits m_limits;
    std::string m_nonce;
    mutable std::map<RemoteRequest, Answer> m_answers;
    mutable std::vector<RemoteRequest> m_pending;
    mutable std::string m_firstProblem;
    int m_rounds = 0;
};

// The unix socket the remote `docker` (the one `docker system dial-stdio` runs) talks to: the path of a
// DOCKER_HOST=unix://PATH, /var/run/docker.sock when DOCKER_HOST is unset or empty (a docker context chosen
// on the remote side is not followed; the data-root cross-check in inspectOverSsh catches a wrong daemon);
// an error when DOCKER_HOST names something else (tcp://, ssh://): then no socket on that host is ours.
Result<std::string> remoteDockerSocket(const std::string& dockerHost);

// HostFacts of the daemon behind an ssh:// endpoint: HostInspector over an SshHostReader, fetching in
// rounds (one connection). The dockerd it finds must agree with the API about the data root (DaemonInfo's
// DockerRootDir), else NotFound: judging another daemon would be worse than not judging.
Result<HostFacts> inspectOverSsh(RemoteShell& shell, const DaemonInfo& daemon,
                                 SshHostReader::Limits limits = {});

} // namespace drydock
