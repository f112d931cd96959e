#include "core/docker/EndpointStore.h"

#include "core/common/AppPaths.h"
#include "core/common/AtomicFileWriter.h"
#include "core/common/Strings.h"
#include "core/docker/EndpointListJson.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? std::string("/") : path.substr(0, slash);
}

} // namespace

EndpointStore::EndpointStore(std::string path) : m_path(std::move(path)) {}

std::string EndpointStore::defaultPath()
{
    const std::string dir = AppPaths::configDir();
    return dir.empty() ? std::string() : dir + "/endpoints.json";
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
    auto list = json::savedEndpointsFromJson(text.str(), m_path);
    if (!list) {
        return list.error();
    }
    // The file may have been written by hand or by someone else: an entry whose host is not a plain name
    // (shell metacharacters, control characters) is refused before it reaches ssh or a printed command.
    for (const auto& e : list.value()) {
        if (e.host.empty()) {
            continue;
        }
        if (auto parsed = ContextResolver::parseHost(e.host); !parsed) {
            return Error::make(ErrorCode::InvalidArgument,
                               "The saved endpoint list " + m_path + " has an unusable entry \"" +
                                   terminalText(e.name, 64) + "\": " + parsed.error().message +
                                   " Edit the file or remove the entry.");
        }
    }
    return list;
}

Result<void> EndpointStore::save(const std::vector<SavedEndpoint>& endpoints) const
{
    if (m_path.empty()) {
        return Error::make(ErrorCode::Io,
                           "There is no place for the saved endpoint list: HOME is not set and "
                           "the user has no home directory. Set HOME or XDG_CONFIG_HOME, or "
                           "name a file with --endpoints-file.");
    }
    // The list decides which hosts Drydock connects to: its folder must be this user's alone.
    if (auto ok = AppPaths::ensurePrivateDir(parentDir(m_path), "the saved endpoint list"); !ok) {
        return ok.error();
    }
    return AtomicFileWriter::write(m_path, json::savedEndpointsToJson(endpoints));
}

Result<void> EndpointStore::validate(const SavedEndpoint& entry, const std::vector<SavedEndpoint>& existing)
{
    const bool controls = std::any_of(entry.name.begin(), entry.name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (entry.name.empty() || entry.name.size() > 64 || controls ||
        entry.name.find_first_of(" \t\n/\\") != std::string::npos) {
        return Error::make(ErrorCode::InvalidArgument,
                           "An endpoint name must be 1 to 64 characters without spaces, slashes or control "
                           "characters (got \"" +
                               terminalText(entry.name, 64) + "\").");
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
        const bool tlsOptions =
            !entry.tlsVerify || !entry.caFile.empty() || !entry.certFile.empty() || !entry.keyFile.empty();
        if (tlsOptions && parsed->kind != DockerEndpoint::Kind::Tcp) {
            return Error::make(
                ErrorCode::InvalidArgument,
                "TLS options (--tlscacert, --tlscert, --tlskey, --tls-no-verify) apply to tcp:// "
                "hosts only; " +
                    terminalText(parsed->display(), 120) + " is not one.");
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
    // Saved TLS files, or --tls-no-verify on its own, mean TLS: "no verify" is never read as "no TLS".
    if (e.kind == DockerEndpoint::Kind::Tcp && (!entry.caFile.empty() || !entry.tlsVerify)) {
        e.tls = true;
        e.tlsVerify = entry.tlsVerify;
        if (!entry.caFile.empty()) {
            e.caFile = entry.caFile;
        }
        if (!entry.certFile.empty() || !entry.keyFile.empty()) {
            e.certFile =
                entry.certFile; // a daemon may want a client certificate even when we do not verify it
            e.keyFile = entry.keyFile;
        }
    }
    e.source = "saved endpoint " + entry.name;
    return e;
}

} // namespace drydock
