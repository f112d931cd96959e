#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// One daemon setting as the host shows it, and where it came from.
struct HostSetting
{
    std::string value;  // "debug", "false", "nofile=1024:2048"; list items joined with ", "
    std::string source; // "command line (--log-level)" or "/etc/docker/daemon.json"
};

// Owner and mode of one of Docker's files on the host (CIS section 3), or why they are unknown.
struct HostFile
{
    std::string kind; // "docker.service", "Docker socket", "registry certificate", … (HostFileChecks kinds)
    std::string path; // as on the host, e.g. "/lib/systemd/system/docker.service"
    unsigned uid = 0;
    unsigned gid = 0;
    std::string owner; // user name, or the uid as text when /etc/passwd has none
    std::string group;
    unsigned mode = 0; // permission bits (07777)
};

// A path CIS 1.1.3–1.1.18 wants watched by auditd, present on the host, and whether a rule watches it.
struct HostAuditTarget
{
    std::string cisId; // 1.6.0 id, e.g. "1.1.3"
    std::string path;
    bool watched = false;
};

// What Drydock read on the daemon's host that the Engine API does not show. Plain values; core/host reads
// them.
struct HostFacts
{
    int daemonPid = 0;      // 0 when no dockerd process was visible (rootless seen only through INFO)
    std::string socketPath; // the socket Drydock talks to, as on the host
    bool rootless = false;
    std::string rootlessBecause;                 // "socket under /run/user/1000", "INFO name=rootless", …
    std::string configFile;                      // the daemon.json that applies (read or absent)
    std::map<std::string, HostSetting> settings; // daemon.json spelling -> effective value; cmdline wins
    std::vector<std::string> problems;           // e.g. "/etc/docker/daemon.json is not valid JSON: …"
    std::string dataRoot;
    std::optional<bool> dataRootOwnMount; // unknown when mountinfo was unreadable
    std::optional<std::vector<std::string>>
        dockerGroupMembers; // "alice", "bob (primary group)"; unset: unknown
    bool auditRulesRead = false;
    std::vector<HostAuditTarget> auditTargets;     // only when auditRulesRead
    std::vector<HostFile> files;                   // the section-3 files that exist
    std::map<std::string, std::string> notChecked; // CIS 1.6.0 id -> reason, e.g. "needs root: …"

    const HostSetting* setting(const std::string& key) const
    {
        const auto it = settings.find(key);
        return it == settings.end() ? nullptr : &it->second;
    }
};

} // namespace drydock
