#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace drydock {

// The process facts endpoint resolution depends on, injectable for tests.
struct ResolverEnvironment
{
    std::map<std::string, std::string> variables; // DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY,
                                                  // DOCKER_CERT_PATH, XDG_RUNTIME_DIR, HOME, …
    std::string homeDir;
    std::function<bool(const std::string& path)> isSocket; // true when a unix socket exists at path
    std::function<bool(const std::string& path, std::string& contents)> readFile;
    // Names of the entries of a directory (to list the context store), and whether a file exists (TLS files
    // are looked for, never read). Any of the four functions left empty uses the real file system.
    std::function<std::vector<std::string>(const std::string& dir)> listDirectory;
    std::function<bool(const std::string& path)> fileExists;

    static ResolverEnvironment fromProcess();
};

// A docker CLI context as the endpoint lists show it: its name, its daemon and whether it is current.
struct DockerContextInfo
{
    std::string name;
    std::string description;
    DockerEndpoint endpoint;
    bool current = false;
};

// Finds the daemon the docker CLI would talk to: --host, then --context, DOCKER_HOST, DOCKER_CONTEXT, the
// current context in config.json, then the default socket (and, when that is missing, rootless and Podman
// sockets). TLS material comes from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH or the context's TLS store.
class ContextResolver
{
public:
    explicit ContextResolver(ResolverEnvironment environment);

    Result<DockerEndpoint> resolve(const std::string& hostFlag = {}, const std::string& contextFlag = {}) const;
    std::vector<DockerContextInfo> listContexts() const; // "default" first
    // Parses "unix:///path", "tcp://host:port", "ssh://user@host", "npipe://…" (refused on Linux).
    static Result<DockerEndpoint> parseHost(const std::string& uri);

private:
    ResolverEnvironment m_env;
};

} // namespace drydock
