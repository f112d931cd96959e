#pragma once
#include "core/common/Result.h"
#include "core/docker/ContextResolver.h"
#include "core/docker/DockerEndpoint.h"

#include <string>
#include <vector>

namespace drydock {

// One endpoint a person saved for fleet scans: an address with paths to TLS files, or the name of a Docker
// context. Only addresses and paths are kept — never key material, passwords or tokens.
struct SavedEndpoint
{
    std::string name;    // unique, chosen by the person ("staging")
    std::string host;    // unix://…, tcp://…, ssh://user@host; empty when context is set
    std::string context; // a Docker context name instead of host
    std::string caFile;  // tcp:// with TLS: paths only
    std::string certFile;
    std::string keyFile;
    bool tlsVerify = true;

    bool operator==(const SavedEndpoint&) const = default;
};

// The saved endpoint list, a small JSON file ($XDG_CONFIG_HOME/drydock/endpoints.json, mode 0600) written
// atomically; a missing file is an empty list.
class EndpointStore
{
public:
    explicit EndpointStore(std::string path);
    static std::string defaultPath();

    const std::string& path() const { return m_path; }
    Result<std::vector<SavedEndpoint>> load() const;
    Result<void> save(const std::vector<SavedEndpoint>& endpoints) const;

    // Checks a new entry against the list: a usable name, a parsable host or a context, unique name.
    static Result<void> validate(const SavedEndpoint& entry, const std::vector<SavedEndpoint>& existing);
    // The DockerEndpoint an entry stands for (a context is resolved through resolver).
    static Result<DockerEndpoint> resolve(const SavedEndpoint& entry, const ContextResolver& resolver);

private:
    std::string m_path;
};

} // namespace drydock
