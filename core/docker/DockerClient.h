#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/docker/ApiVersion.h"
#include "core/docker/DockerEndpoint.h"
#include "core/docker/Transport.h"
#include "core/model/ContainerStats.h"
#include "core/model/DockerEvent.h"
#include "core/model/Inventory.h"

#include <functional>
#include <memory>
#include <optional>

namespace drydock {

// What a snapshot starts from, read in one round of requests in flight together: the daemon's facts and the
// lists of containers, images, networks (without members), volumes and plugins. Each part fails on its own.
struct DaemonListing
{
    Result<DaemonInfo> info = DaemonInfo{};
    Result<StringList> containerIds = StringList{};
    Result<StringList> imageIds = StringList{};
    Result<std::vector<Network>> networks = std::vector<Network>{};
    Result<std::vector<Volume>> volumes = std::vector<Volume>{};
    Result<std::vector<Plugin>> plugins = std::vector<Plugin>{};
};

// The inspects of one snapshot, read in one round: containers, images (inspect + history) and networks
// (with members), each in the order asked for.
struct InspectedObjects
{
    std::vector<Result<Container>> containers;
    std::vector<Result<Image>> images;
    std::vector<Result<Network>> networks; // a network removed since the list is left out
};

// Typed calls to the Docker Engine API. Every call here only reads; writes exist only for the explicit
// "apply" of the hardening walkthrough and are kept in a separate class.
class DockerClient
{
public:
    DockerClient(std::unique_ptr<Transport> transport, DockerEndpoint endpoint);

    // GET /_ping, reads Api-Version and settles on the highest version both sides speak.
    Result<ApiVersion> negotiate();
    ApiVersion apiVersion() const { return m_version; }
    const DockerEndpoint& endpoint() const { return m_endpoint; }
    Transport& transport() { return *m_transport; }

    Result<DaemonInfo> daemonInfo(); // /info + /version
    // /info, /version and every list at once: one wait instead of one per list.
    DaemonListing listEverything();
    // The inspects of listEverything's containers, images and networks at once.
    InspectedObjects inspectEverything(const StringList& containerIds, const StringList& imageIds,
                                       const std::vector<Network>& networks);
    Result<StringList> listContainerIds(); // /containers/json?all=1
    Result<Container> inspectContainer(const std::string& id);
    // Inspects many containers with requests in flight together; results in the order of ids.
    std::vector<Result<Container>> inspectContainers(const StringList& ids);
    Result<std::vector<FileChange>> containerChanges(const std::string& id);
    std::vector<Result<std::vector<FileChange>>> containerChanges(const StringList& ids);
    // GET /containers/{id}/stats?stream=false&one-shot=1: one reading now, without the daemon's second
    // reading a second later (so no precpu_stats; compare two readings for CPU).
    Result<ContainerStats> containerStats(const std::string& id);
    std::vector<Result<ExecSession>> inspectExecs(const StringList& execIds);
    Result<StringList> listImageIds(); // /images/json?all=0 (tagged and dangling top-level images)
    // Inspect + history of each image, together.
    std::vector<Result<Image>> inspectImages(const StringList& ids);
    Result<Image> inspectImage(const std::string& idOrName);
    Result<std::vector<Network>> listNetworks(); // list + inspect each (for members)
    Result<Network> inspectNetwork(const std::string& idOrName); // with its members, as listNetworks reads it
    Result<std::vector<Volume>> listVolumes();
    Result<Volume> inspectVolume(const std::string& name);
    Result<std::vector<Plugin>> listPlugins();
    // Swarm objects when info says the node is active; nullopt when swarm is inactive.
    Result<std::optional<SwarmState>> swarmState(const DaemonInfo& info);
    // Follows /events until onEvent returns false or cancel is set.
    Result<void> streamEvents(std::int64_t sinceUnix, const std::function<bool(const DockerEvent&)>& onEvent,
                              const CancelToken& cancel);

    // GET path (relative, without the version prefix) and return the body of a 2xx answer, or an Error
    // that carries the daemon's own message.
    Result<std::string> get(const std::string& pathAndQuery);
    std::vector<Result<std::string>> getAll(const StringList& pathsAndQueries);

    // Every request this client sends from now on is aborted when token is cancelled.
    void abortRequestsOn(const CancelToken& token) { m_abort = token; }

private:
    HttpRequest makeGet(const std::string& pathAndQuery) const;
    Result<std::string> checkResponse(const Result<HttpResponse>& response, const std::string& path) const;

    std::unique_ptr<Transport> m_transport;
    DockerEndpoint m_endpoint;
    CancelToken m_abort;
    ApiVersion m_version = ApiVersion::minimumSupported();
};

} // namespace drydock
