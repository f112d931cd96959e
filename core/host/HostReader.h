#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// What one read of a host path gave.
enum class HostReadStatus
{
    Ok,
    Absent,    // ENOENT, ENOTDIR
    Unreadable // EACCES, EPERM (needs root), or another error the problem text names
};

// The text of a file (or a symlink's target), or why there is none.
struct HostText
{
    HostReadStatus status = HostReadStatus::Absent;
    std::string text;
    std::string problem; // "needs root: /etc/audit/audit.rules is not readable"
};

// stat() of a host path: owner, group, permission bits and type, or why there is none.
struct HostStat
{
    HostReadStatus status = HostReadStatus::Absent;
    unsigned uid = 0;
    unsigned gid = 0;
    unsigned mode = 0; // permission bits (07777)
    bool directory = false;
    bool socket = false;
    bool regular = false;
    std::string problem;
};

// The entry names of a directory (no "." or ".."), sorted, or why there are none.
struct HostListing
{
    HostReadStatus status = HostReadStatus::Absent;
    std::vector<std::string> names;
    std::string problem;
};

// Reads — never writes — the files and processes of the daemon's host. Paths given are absolute host paths;
// every read returns a value, absent, or unreadable ("needs root: …"), never throws. HostView reads this
// machine (below a root directory); SshHostReader reads another machine through a fixed set of commands.
class HostReader
{
public:
    virtual ~HostReader() = default;
    virtual HostText readFile(std::string_view path, std::size_t maxBytes = 4u << 20) const = 0;
    virtual HostStat stat(std::string_view path) const = 0; // follows symlinks, as docker-bench's stat does
    virtual HostListing list(std::string_view directory) const = 0;
    virtual HostText readLink(std::string_view path) const = 0;
    // The ids (as text) of the processes worth looking at for a daemon called name: HostView gives every
    // pid in /proc (the caller checks each one's comm and argv), SshHostReader the ones `ps` names so.
    virtual HostListing processIds(std::string_view name) const = 0;
};

} // namespace drydock
