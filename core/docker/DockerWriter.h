#pragma once
#include "core/common/Result.h"
#include "core/docker/ApiVersion.h"
#include "core/docker/Transport.h"
#include "core/model/Common.h"

#include <functional>
#include <set>
#include <string>

namespace drydock {

// One request the writer sent (or refused), for the action log. Never holds a request body: create bodies
// and archives can carry secret values.
struct WriteRecord
{
    std::string method;
    std::string path; // versioned path and query, as sent
    int status = 0;   // HTTP status; 0 when nothing was sent or the transport failed
    bool ok = false;
    std::string message; // the daemon's or transport's message on failure
};

// The only class in Drydock that changes anything on a daemon, used only by the hardening trial and apply.
// It can create, start, stop, rename and remove containers (never with v=1, so no volume is ever removed),
// change a container's restart policy (and nothing else it could update), put a file archive into a
// created container and connect a container to an existing network. Every call
// goes through an allow-list checked before sending, and is reported to the injected action log.
// One more request is allowed per instance, never in general: an exec (to read /proc/net/tcp) in a trial
// container this very writer created under a name holding "-drydock-trial-", and the start of an exec it
// created itself. Nobody's running container can be exec'd into through Drydock.
class DockerWriter
{
public:
    using ActionLog = std::function<void(const WriteRecord&)>;
    DockerWriter(Transport& transport, ApiVersion version, ActionLog log);

    // POST /containers/create?name=NAME with a JSON body; returns the new container's id.
    Result<std::string> createContainer(const std::string& name, const std::string& body);
    Result<void> startContainer(const std::string& id);
    Result<void> stopContainer(const std::string& id, int timeoutSeconds);
    Result<void> renameContainer(const std::string& id, const std::string& newName);
    // POST /containers/{id}/update with a body that holds only RestartPolicy: a backup must not start again
    // by itself when the daemon restarts, and gets its policy back on rollback.
    Result<void> setRestartPolicy(const std::string& id, const std::string& policyName,
                                  int maximumRetryCount);
    // DELETE /containers/{id}?force=1 — never v=1: volumes stay whatever happens.
    Result<void> removeContainer(const std::string& id);
    // PUT /containers/{id}/archive?path=DIR with a tar stream (its content is never logged).
    Result<void> putArchive(const std::string& id, const std::string& directory, const std::string& tar);
    Result<void> connectNetwork(const std::string& network, const std::string& containerId,
                                const std::string& body);
    // Runs command in a trial container this writer created (name with "-drydock-trial-"): POST
    // /containers/{id}/exec (stdout and stderr attached, no TTY, not privileged, the container's own user), then
    // POST /exec/{execId}/start, and returns the output demultiplexed. Refused before anything is sent for any
    // other container. Bounded by a 10 s timeout and the transport's size limit.
    Result<std::string> execInTrial(const std::string& containerId, const StringList& command);

    // The general allow-list: method and versioned path the writer may send for any container. Exec requests
    // are never in it (see execInTrial). Exposed for tests.
    static bool isAllowed(const std::string& method, const std::string& path);

private:
    // The general allow-list, or one of the exec paths of the trial containers and execs this writer created.
    bool allows(const std::string& method, const std::string& path) const;
    Result<std::string> send(const std::string& method, const std::string& pathAndQuery, std::string body,
                             const std::string& contentType, long timeoutMs);

    Transport& m_transport;
    ApiVersion m_version;
    ActionLog m_log;
    // "containers/{id}/exec" of the trial containers created here, "exec/{id}/start" of the execs created there.
    std::set<std::string> m_trialExecPaths;
};

} // namespace drydock
