#pragma once
#include "core/host/HostReader.h"

#include <string>
#include <string_view>

namespace drydock {

// Read-only view of this machine's files below a root directory ("/" normally; a temporary tree in tests).
class HostView final : public HostReader
{
public:
    explicit HostView(std::string root = "/");
    const std::string& root() const { return m_root; }

    HostText readFile(std::string_view path, std::size_t maxBytes = 4u << 20) const override;
    HostStat stat(std::string_view path) const override;
    HostListing list(std::string_view directory) const override;
    HostText readLink(std::string_view path) const override;
    HostListing processIds(std::string_view name) const override; // every numeric entry of /proc

    // The status an errno means: EACCES/EPERM -> Unreadable (needs root), ENOENT/ENOTDIR -> Absent.
    static HostReadStatus statusOf(int error);
    // "needs root: PATH is not readable" for EACCES/EPERM, else "PATH: <strerror>".
    static std::string problemOf(int error, std::string_view path);

private:
    std::string full(std::string_view path) const;
    std::string m_root;
};

} // namespace drydock
