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

// Read-only view of the host's files below a root directory ("/" normally; a temporary tree in tests).
// Paths given are absolute host paths; every read returns a value, absent, or unreadable — never throws.
class HostView
{
public:
    explicit HostView(std::string root = "/");
    const std::string& root() const { return m_root; }

    HostText readFile(std::string_view path, std::size_t maxBytes = 4u << 20) const;
    HostStat stat(std::string_view path) const; // follows symlinks, as docker-bench's stat does
    HostListing list(std::string_view directory) const;
    HostText readLink(std::string_view path) const;

    // The status an errno means: EACCES/EPERM -> Unreadable (needs root), ENOENT/ENOTDIR -> Absent.
    static HostReadStatus statusOf(int error);
    // "needs root: PATH is not readable" for EACCES/EPERM, else "PATH: <strerror>".
    static std::string problemOf(int error, std::string_view path);

private:
    std::string full(std::string_view path) const;
    std::string m_root;
};

} // namespace drydock
