#include "core/docker/EndpointStore.h"

#include "core/common/AppPaths.h"
#include "core/json/EndpointListJson.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace drydock {

namespace {

std::string parentDir(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos || slash == 0 ? std::string("/") : path.substr(0, slash);
}

} // namespace

EndpointStore::EndpointStore(std::string path) : m_path(std::move(path)) {}

std::string EndpointStore::defaultPath()
{
    return AppPaths::configDir() + "/endpoints.json";
}

Result<std::vector<SavedEndpoint>> EndpointStore::load() const
{
    std::ifstream in(m_path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) {
            return std::vector<SavedEndpoint>{};
        }
        return Error::make(ErrorCode::Io, "Cannot read the saved endpoint list " + m_path + " (" +
                                              std::strerror(errno) + ") — check its permissions.");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return json::savedEndpointsFromJson(text.str(), m_path);
}

Result<void> EndpointStore::save(const std::vector<SavedEndpoint>& endpoints) const
{
    const std::string dir = parentDir(m_path);
    if (!AppPaths::ensureDir(dir)) {
        return Error::make(ErrorCode::Io,
                           "Cannot create the directory " + dir + " for the saved endpoint list.");
    }
    const std::string data = json::savedEndpointsToJson(endpoints);
    const std::string temp = m_path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0;
    std::size_t written = 0;
    while (ok && written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        ok = n > 0;
        written += ok ? static_cast<std::size_t>(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    if (fd >= 0) {
        ok = ::close(fd) == 0 && ok;
    }
    if (!ok || std::rename(temp.c_str(), m_path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temp.c_str());
        return Error::make(ErrorCode::Io, "Cannot write the saved endpoint list " + m_path + " (" + why +
                                              ") — check that the directory is writable.");
    }
    return success();
}

Result<void> EndpointStore::validate(const SavedEndpoint& entry, const std::vector<SavedEndpoint>& existing)
{
    if (entry.name.empty() || entry.name.size() > 64 ||
        entry.name.find_first_of(" \t\n/\\") != std::string::npos) {
        return Error::make(ErrorCode::InvalidArgument,
                           "An endpoint name must be 1 to 64 characters without spaces or slashes (got \"" +
                               entry.name.substr(0, 64) + "\").");
    }
    if (entry.host.empty() == entry.context.empty()) {
        return Error::make(ErrorCode::InvalidArgument,
                           "Give an endpoint either --host URI or --context NAME.");
    }
    if (!entry.host.empty()) {
        auto parsed = ContextResolver::parseHost(entry.host);
        if (!parsed) {
            return parsed.error();
        }
    }
    for (const auto& e : existing) {
        if (e.name == entry.name) {
            return Error::make(ErrorCode::InvalidArgument,
                               "An endpoint named \"" + entry.name +
                                   "\" is already saved; remove it first or choose "
                                   "another name.");
        }
    }
    return success();
}

Result<DockerEndpoint> EndpointStore::resolve(const SavedEndpoint& entry, const ContextResolver& resolver)
{
    auto endpoint =
        entry.context.empty() ? resolver.resolve(entry.host, "") : resolver.resolve("", entry.context);
    if (!endpoint) {
        return endpoint.error();
    }
    DockerEndpoint e = endpoint.value();
    if (e.kind == DockerEndpoint::Kind::Tcp && !entry.caFile.empty()) {
        e.tls = true;
        e.tlsVerify = entry.tlsVerify;
        e.caFile = entry.caFile;
        e.certFile = entry.certFile;
        e.keyFile = entry.keyFile;
    }
    e.source = "saved endpoint " + entry.name;
    return e;
}

} // namespace drydock
