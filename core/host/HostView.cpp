#include "core/host/HostView.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drydock {

HostView::HostView(std::string root) : m_root(std::move(root))
{
    while (m_root.size() > 1 && m_root.back() == '/') {
        m_root.pop_back();
    }
    if (m_root.empty()) {
        m_root = "/";
    }
}

std::string HostView::full(std::string_view path) const
{
    if (m_root == "/") {
        return std::string(path);
    }
    return m_root + (path.empty() || path.front() != '/' ? "/" : "") + std::string(path);
}

HostReadStatus HostView::statusOf(int error)
{
    if (error == ENOENT || error == ENOTDIR) {
        return HostReadStatus::Absent;
    }
    return HostReadStatus::Unreadable;
}

std::string HostView::problemOf(int error, std::string_view path)
{
    if (error == EACCES || error == EPERM) {
        return "needs root: " + std::string(path) + " is not readable";
    }
    if (error == ENOENT || error == ENOTDIR) {
        return std::string(path) + " does not exist";
    }
    return std::string(path) + ": " + std::strerror(error);
}

HostText HostView::readFile(std::string_view path, std::size_t maxBytes) const
{
    HostText out;
    const int fd = ::open(full(path).c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        out.status = statusOf(error);
        out.problem = problemOf(error, path);
        return out;
    }
    char buffer[8192];
    while (out.text.size() < maxBytes) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            out.text.clear();
            out.status =
                statusOf(error) == HostReadStatus::Absent ? HostReadStatus::Unreadable : statusOf(error);
            out.problem = problemOf(error, path);
            return out;
        }
        if (n == 0) {
            break;
        }
        out.text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (out.text.size() > maxBytes) {
        out.text.resize(maxBytes);
    }
    out.status = HostReadStatus::Ok;
    return out;
}

HostStat HostView::stat(std::string_view path) const
{
    HostStat out;
    struct stat st
    {
    };
    if (::stat(full(path).c_str(), &st) != 0) {
        const int error = errno;
        out.status = statusOf(error);
        out.problem = problemOf(error, path);
        return out;
    }
    out.status = HostReadStatus::Ok;
    out.uid = st.st_uid;
    out.gid = st.st_gid;
    out.mode = st.st_mode & 07777;
    out.directory = S_ISDIR(st.st_mode);
    out.socket = S_ISSOCK(st.st_mode);
    out.regular = S_ISREG(st.st_mode);
    return out;
}

HostListing HostView::list(std::string_view directory) const
{
    HostListing out;
    DIR* dir = ::opendir(full(directory).c_str());
    if (dir == nullptr) {
        const int error = errno;
        out.status = statusOf(error);
        out.problem = problemOf(error, directory);
        return out;
    }
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..") {
            out.names.push_back(name);
        }
    }
    ::closedir(dir);
    std::sort(out.names.begin(), out.names.end());
    out.status = HostReadStatus::Ok;
    return out;
}

HostText HostView::readLink(std::string_view path) const
{
    HostText out;
    char buffer[4096];
    const ssize_t n = ::readlink(full(path).c_str(), buffer, sizeof buffer);
    if (n < 0) {
        const int error = errno;
        out.status = error == EINVAL ? HostReadStatus::Absent : statusOf(error);
        out.problem =
            error == EINVAL ? std::string(path) + " is not a symbolic link" : problemOf(error, path);
        return out;
    }
    out.status = HostReadStatus::Ok;
    out.text.assign(buffer, static_cast<std::size_t>(n));
    return out;
}

HostListing HostView::processIds(std::string_view /*name*/) const
{
    HostListing out = list("/proc");
    out.names.erase(std::remove_if(out.names.begin(), out.names.end(),
                                   [](const std::string& n) {
                                       return n.empty() || n.find_first_not_of("0123456789") != std::string::npos;
                                   }),
                    out.names.end());
    return out;
}

} // namespace drydock
