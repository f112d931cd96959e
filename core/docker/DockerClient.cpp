#include "core/docker/DockerClient.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/docker/JsonLineSplitter.h"
#include "core/docker/UrlEncoding.h"
#include "core/json/ModelParser.h"

#include <cassert>

namespace drydock {

namespace {

// /containers/{id}/changes walks the container's whole writable layer: give it longer than a plain read.
constexpr long kChangesTimeoutMs = 120000;
// /_ping and /version answer at once on a healthy daemon.
constexpr long kPingTimeoutMs = 10000;
// How long the daemon may take to start answering /events.
constexpr long kEventsHeaderTimeoutMs = 30000;

// A DockerClient only reads. Every request it sends passes through here, and anything but a GET is refused
// even in a release build, so a bug elsewhere can never turn a scan into a change on the daemon.
Result<void> requireReadOnly(const HttpRequest& request)
{
    assert(request.method == "GET");
    if (request.method != "GET") {
        return Error::make(ErrorCode::Internal, "Drydock's Docker client only reads, but was asked to send " +
                                                    request.method + " " + truncateUtf8(request.path, 80) +
                                                    "; nothing was sent.");
    }
    return success();
}

Result<HttpResponse> sendReadOnly(Transport& transport, const HttpRequest& request)
{
    if (auto ok = requireReadOnly(request); !ok) {
        return ok.error();
    }
    return transport.send(request);
}

std::vector<Result<HttpResponse>> sendAllReadOnly(Transport& transport,
                                                  const std::vector<HttpRequest>& requests)
{
    for (const auto& r : requests) {
        if (auto ok = requireReadOnly(r); !ok) {
            return std::vector<Result<HttpResponse>>(requests.size(), Result<HttpResponse>(ok.error()));
        }
    }
    return transport.sendAll(requests);
}

// Overwrites a buffer that held a secret before it is freed.
void wipe(std::string& text)
{
    volatile char* p = text.data();
    for (std::size_t i = 0; i < text.size(); ++i) {
        p[i] = '\0';
    }
    text.clear();
}

template <typename T, typename Parse>
std::vector<Result<T>> parseEach(std::vector<Result<std::string>> bodies, Parse parse)
{
    std::vector<Result<T>> out;
    out.reserve(bodies.size());
    for (auto& body : bodies) {
        if (body) {
            out.push_back(parse(body.value()));
        } else {
            out.push_back(body.error());
        }
    }
    return out;
}

template <typename T, typename Parse> Result<T> parseOne(const Result<std::string>& body, Parse parse)
{
    if (!body) {
        return body.error();
    }
    return parse(body.value());
}

std::string containerPath(const std::string& id) { return "/containers/" + urlEncode(id) + "/json"; }
std::string networkPath(const std::string& id) { return "/networks/" + urlEncode(id); }

// Appends the inspect and history paths of every image: an image needs both answers.
void addImagePaths(const StringList& ids, StringList& paths)
{
    for (const auto& id : ids) {
        paths.push_back("/images/" + urlEncode(id) + "/json");
        paths.push_back("/images/" + urlEncode(id) + "/history");
    }
}

// The images from their inspect and history answers, taken pairwise from bodies[first…].
std::vector<Result<Image>> parseImages(std::vector<Result<std::string>>& bodies, std::size_t first, std::size_t count)
{
    std::vector<Result<Image>> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        auto image = parseOne<Image>(bodies[first + 2 * i], json::parseImage);
        if (!image) {
            out.push_back(image.error());
            continue;
        }
        // The history is where build-time secrets show; an image without it would hide findings, so a
        // failed history read fails the image (the loader records it as a problem).
        auto history = parseOne<std::vector<ImageHistoryEntry>>(bodies[first + 2 * i + 1], json::parseHistory);
        if (!history) {
            out.push_back(history.error());
            continue;
        }
        image->history = std::move(history.value());
        out.push_back(std::move(image));
    }
    return out;
}

// Network inspects; one removed between list and inspect (404) is left out.
std::vector<Result<Network>> parseNetworkInspects(std::vector<Result<std::string>>& bodies, std::size_t first,
                                                  std::size_t count)
{
    std::vector<Result<Network>> out;
    out.reserve(count);
    for (std::size_t i = first; i < first + count; ++i) {
        const auto& body = bodies[i];
        if (!body && body.error().code == ErrorCode::HttpError && body.error().httpStatus == 404) {
            continue;
        }
        out.push_back(parseOne<Network>(body, json::parseNetwork));
    }
    return out;
}

bool isServiceUnavailable(const Result<std::string>& r)
{
    return !r && r.error().code == ErrorCode::HttpError && r.error().httpStatus == 503;
}

} // namespace

DockerClient::DockerClient(std::unique_ptr<Transport> transport, DockerEndpoint endpoint)
    : m_transport(std::move(transport)), m_endpoint(std::move(endpoint))
{
}

HttpRequest DockerClient::makeGet(const std::string& pathAndQuery) const
{
    HttpRequest request;
    request.method = "GET";
    request.path = "/v" + m_version.toString() + (startsWith(pathAndQuery, "/") ? "" : "/") + pathAndQuery;
    request.cancel = m_abort;
    return request;
}

Result<std::string> DockerClient::checkResponse(const Result<HttpResponse>& response,
                                                const std::string& path) const
{
    if (!response) {
        return response.error();
    }
    const HttpResponse& r = response.value();
    if (r.status >= 200 && r.status <= 299) {
        return r.body;
    }
    std::string message = json::parseErrorMessage(r.body);
    if (message.empty()) {
        message = terminalText(trim(r.body), 300);
    }
    return Error::make(ErrorCode::HttpError,
                       maskUrlCredentials("The Docker daemon at " + m_transport->describe() +
                                          " answered HTTP " + std::to_string(r.status) + " to GET " +
                                          truncateUtf8(path, 160) + (message.empty() ? "." : ": " + message)),
                       r.status);
}

Result<ApiVersion> DockerClient::negotiate()
{
    HttpRequest ping;
    ping.path = "/_ping";
    ping.timeoutMs = kPingTimeoutMs;
    ping.cancel = m_abort;
    auto pong = sendReadOnly(*m_transport, ping);
    if (!pong) {
        return pong.error();
    }
    // Go's TLS listener answers plain HTTP with this 400: say what it means instead of "not a Docker Engine".
    if (pong->status == 400 && pong->body.find("HTTP request to an HTTPS server") != std::string::npos) {
        return Error::make(ErrorCode::TlsFailure,
                           "The Docker daemon at " + m_transport->describe() +
                               " expects TLS, but Drydock connected without it — set DOCKER_TLS_VERIFY=1 and "
                               "DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), use a TLS context, or save the "
                               "endpoint with `drydock endpoints add NAME --host URI --tlscacert … --tlscert … "
                               "--tlskey …`.");
    }
    std::string advertised = trim(pong->header("api-version"));
    if (advertised.empty()) {
        // Some proxies in front of a daemon drop the header; /version says the same in its body.
        HttpRequest version;
        version.path = "/version";
        version.timeoutMs = kPingTimeoutMs;
        version.cancel = m_abort;
        auto body = checkResponse(sendReadOnly(*m_transport, version), "/version");
        if (!body) {
            return Error::make(
                ErrorCode::UnsupportedApiVersion,
                m_transport->describe() +
                    " did not say which Docker API version it speaks (no Api-Version header on "
                    "/_ping, and /version failed: " +
                    body.error().message + ") — check that this endpoint is a Docker Engine.");
        }
        DaemonInfo info;
        if (auto parsed = json::parseVersion(body.value(), info); !parsed) {
            return parsed.error();
        }
        advertised = info.apiVersion;
    }
    if (advertised.empty()) {
        return Error::make(ErrorCode::UnsupportedApiVersion,
                           m_transport->describe() + " answered but does not say which Docker API version it "
                                                     "speaks — check that this endpoint is a Docker Engine.");
    }
    auto settled =
        ApiVersion::negotiate(advertised, ApiVersion::minimumSupported(), ApiVersion::maximumSupported());
    if (!settled) {
        Error e = settled.error();
        if (startsWith(e.message, "The daemon ")) {
            e.message = "The daemon at " + m_transport->describe() +
                        e.message.substr(std::string("The daemon").size());
        }
        return e;
    }
    m_version = settled.value();
    return m_version;
}

Result<std::string> DockerClient::get(const std::string& pathAndQuery)
{
    return checkResponse(sendReadOnly(*m_transport, makeGet(pathAndQuery)), pathAndQuery);
}

std::vector<Result<std::string>> DockerClient::getAll(const StringList& pathsAndQueries)
{
    std::vector<HttpRequest> requests;
    requests.reserve(pathsAndQueries.size());
    for (const auto& p : pathsAndQueries) {
        requests.push_back(makeGet(p));
    }
    auto responses = sendAllReadOnly(*m_transport, requests);
    std::vector<Result<std::string>> out;
    out.reserve(responses.size());
    for (std::size_t i = 0; i < responses.size(); ++i) {
        out.push_back(checkResponse(responses[i], pathsAndQueries[i]));
    }
    return out;
}

Result<DaemonInfo> DockerClient::daemonInfo()
{
    auto bodies = getAll({"/info", "/version"});
    for (const auto& b : bodies) {
        if (!b) {
            return b.error();
        }
    }
    DaemonInfo info;
    if (auto r = json::parseInfo(bodies[0].value(), info); !r) {
        return r.error();
    }
    if (auto r = json::parseVersion(bodies[1].value(), info); !r) {
        return r.error();
    }
    return info;
}

DaemonListing DockerClient::listEverything()
{
    auto bodies = getAll({"/info", "/version", "/containers/json?all=1", "/images/json", "/networks", "/volumes",
                          "/plugins"});
    DaemonListing listing;
    if (!bodies[0] || !bodies[1]) {
        listing.info = !bodies[0] ? bodies[0].error() : bodies[1].error();
    } else {
        DaemonInfo info;
        auto parsed = json::parseInfo(bodies[0].value(), info);
        if (parsed) {
            parsed = json::parseVersion(bodies[1].value(), info);
        }
        listing.info = parsed ? Result<DaemonInfo>(std::move(info)) : Result<DaemonInfo>(parsed.error());
    }
    // all=1: created, exited and paused containers carry risks too (a privileged container that is merely
    // stopped).
    listing.containerIds = parseOne<StringList>(bodies[2], json::parseContainerIds);
    listing.imageIds = parseOne<StringList>(bodies[3], json::parseImageIds);
    listing.networks = parseOne<std::vector<Network>>(bodies[4], json::parseNetworks);
    listing.volumes = parseOne<std::vector<Volume>>(bodies[5], json::parseVolumes);
    listing.plugins = parseOne<std::vector<Plugin>>(bodies[6], json::parsePlugins);
    return listing;
}

InspectedObjects DockerClient::inspectEverything(const StringList& containerIds, const StringList& imageIds,
                                                 const std::vector<Network>& networks)
{
    StringList paths;
    paths.reserve(containerIds.size() + 2 * imageIds.size() + networks.size());
    for (const auto& id : containerIds) {
        paths.push_back(containerPath(id));
    }
    addImagePaths(imageIds, paths);
    // The network list omits members (Containers); only an inspect of each network has them.
    for (const auto& n : networks) {
        paths.push_back(networkPath(n.id));
    }
    auto bodies = getAll(paths);
    InspectedObjects objects;
    objects.containers.reserve(containerIds.size());
    for (std::size_t i = 0; i < containerIds.size(); ++i) {
        objects.containers.push_back(parseOne<Container>(bodies[i], json::parseContainer));
    }
    objects.images = parseImages(bodies, containerIds.size(), imageIds.size());
    objects.networks = parseNetworkInspects(bodies, containerIds.size() + 2 * imageIds.size(), networks.size());
    return objects;
}

Result<StringList> DockerClient::listContainerIds()
{
    // all=1: created, exited and paused containers carry risks too (a privileged container that is merely
    // stopped).
    return parseOne<StringList>(get("/containers/json?all=1"), json::parseContainerIds);
}

Result<Container> DockerClient::inspectContainer(const std::string& id)
{
    return parseOne<Container>(get(containerPath(id)), json::parseContainer);
}

std::vector<Result<Container>> DockerClient::inspectContainers(const StringList& ids)
{
    StringList paths;
    paths.reserve(ids.size());
    for (const auto& id : ids) {
        paths.push_back(containerPath(id));
    }
    return parseEach<Container>(getAll(paths), json::parseContainer);
}

Result<std::vector<FileChange>> DockerClient::containerChanges(const std::string& id)
{
    auto results = containerChanges(StringList{id});
    return std::move(results.front());
}

std::vector<Result<std::vector<FileChange>>> DockerClient::containerChanges(const StringList& ids)
{
    std::vector<HttpRequest> requests;
    requests.reserve(ids.size());
    for (const auto& id : ids) {
        requests.push_back(makeGet("/containers/" + urlEncode(id) + "/changes"));
        requests.back().timeoutMs = kChangesTimeoutMs;
    }
    auto responses = sendAllReadOnly(*m_transport, requests);
    std::vector<Result<std::vector<FileChange>>> out;
    out.reserve(responses.size());
    for (std::size_t i = 0; i < responses.size(); ++i) {
        out.push_back(parseOne<std::vector<FileChange>>(
            checkResponse(responses[i], "/containers/" + urlEncode(ids[i]) + "/changes"),
            json::parseChanges));
    }
    return out;
}

Result<ContainerStats> DockerClient::containerStats(const std::string& id)
{
    // one-shot exists from API 1.41, the oldest version Drydock speaks.
    return parseOne<ContainerStats>(get("/containers/" + urlEncode(id) + "/stats?stream=false&one-shot=1"),
                                    json::parseStats);
}

std::vector<Result<ExecSession>> DockerClient::inspectExecs(const StringList& execIds)
{
    StringList paths;
    paths.reserve(execIds.size());
    for (const auto& id : execIds) {
        paths.push_back("/exec/" + urlEncode(id) + "/json");
    }
    return parseEach<ExecSession>(getAll(paths), json::parseExec);
}

Result<StringList> DockerClient::listImageIds()
{
    return parseOne<StringList>(get("/images/json"), json::parseImageIds);
}

std::vector<Result<Image>> DockerClient::inspectImages(const StringList& ids)
{
    // Inspect and history of every image go out in one batch: twice the requests, one round of waiting.
    StringList paths;
    paths.reserve(ids.size() * 2);
    addImagePaths(ids, paths);
    auto bodies = getAll(paths);
    return parseImages(bodies, 0, ids.size());
}

Result<Image> DockerClient::inspectImage(const std::string& idOrName)
{
    auto results = inspectImages(StringList{idOrName});
    return std::move(results.front());
}

Result<std::vector<Network>> DockerClient::listNetworks()
{
    auto listed = parseOne<std::vector<Network>>(get("/networks"), json::parseNetworks);
    if (!listed) {
        return listed.error();
    }
    // The list omits members (Containers); only an inspect of each network has them.
    StringList paths;
    paths.reserve(listed->size());
    for (const auto& n : listed.value()) {
        paths.push_back(networkPath(n.id));
    }
    auto bodies = getAll(paths);
    std::vector<Network> out;
    for (auto& network : parseNetworkInspects(bodies, 0, paths.size())) {
        if (!network) {
            return network.error();
        }
        out.push_back(std::move(network.value()));
    }
    return out;
}

Result<Network> DockerClient::inspectNetwork(const std::string& idOrName)
{
    return parseOne<Network>(get(networkPath(idOrName)), json::parseNetwork);
}

Result<std::vector<Volume>> DockerClient::listVolumes()
{
    return parseOne<std::vector<Volume>>(get("/volumes"), json::parseVolumes);
}

Result<Volume> DockerClient::inspectVolume(const std::string& name)
{
    return parseOne<Volume>(get("/volumes/" + urlEncode(name)), json::parseVolume);
}

Result<std::vector<Plugin>> DockerClient::listPlugins()
{
    return parseOne<std::vector<Plugin>>(get("/plugins"), json::parsePlugins);
}

Result<std::optional<SwarmState>> DockerClient::swarmState(const DaemonInfo& info)
{
    if (info.swarm.localNodeState != "active") {
        return std::optional<SwarmState>();
    }
    SwarmState state;
    // Workers may not read cluster objects; the daemon answers 503 to them, which is a fact, not a failure.
    if (!info.swarm.controlAvailable) {
        return std::optional<SwarmState>(state);
    }
    auto swarm = get("/swarm");
    if (isServiceUnavailable(swarm)) {
        return std::optional<SwarmState>(state);
    }
    auto cluster = parseOne<SwarmCluster>(swarm, json::parseSwarm);
    if (!cluster) {
        return cluster.error();
    }
    auto bodies = getAll({"/swarm/unlockkey", "/nodes", "/services", "/secrets", "/configs"});
    for (const auto& b : bodies) {
        if (isServiceUnavailable(b)) {
            return std::optional<SwarmState>(state); // demoted while we read
        }
    }
    for (const auto& b : bodies) {
        if (!b) {
            return b.error();
        }
    }
    state.isManager = true;
    state.cluster = std::move(cluster.value());

    // The unlock key is a secret: only whether one is set survives, and the body is wiped.
    auto keySet = json::parseUnlockKeySet(bodies[0].value());
    wipe(bodies[0].value());
    if (!keySet) {
        return keySet.error();
    }
    state.unlockKeySet = keySet.value();

    auto nodes = json::parseNodes(bodies[1].value());
    if (!nodes) {
        return nodes.error();
    }
    auto services = json::parseServices(bodies[2].value());
    if (!services) {
        return services.error();
    }
    auto secrets = json::parseSecrets(bodies[3].value());
    if (!secrets) {
        return secrets.error();
    }
    auto configs = json::parseConfigs(bodies[4].value());
    wipe(bodies[4].value()); // config data stays only in the model, never in stray buffers
    if (!configs) {
        return configs.error();
    }
    state.nodes = std::move(nodes.value());
    state.services = std::move(services.value());
    state.secrets = std::move(secrets.value());
    state.configs = std::move(configs.value());
    return std::optional<SwarmState>(std::move(state));
}

Result<void> DockerClient::streamEvents(std::int64_t sinceUnix,
                                        const std::function<bool(const DockerEvent&)>& onEvent,
                                        const CancelToken& cancel)
{
    HttpRequest request = makeGet(sinceUnix > 0 ? "/events?since=" + std::to_string(sinceUnix) : "/events");
    request.timeoutMs = kEventsHeaderTimeoutMs;
    if (auto ok = requireReadOnly(request); !ok) {
        return ok.error();
    }
    JsonLineSplitter splitter;
    std::optional<Error> streamError;
    // Events are hints to refresh; one line we cannot read is skipped rather than ending the watch.
    const auto onLine = [&](std::string_view line) {
        auto event = json::parseEvent(line);
        return event ? onEvent(event.value()) : true;
    };
    auto result = m_transport->stream(
        request,
        [&](std::string_view chunk) {
            auto fed = splitter.feed(chunk, onLine);
            if (!fed) {
                streamError = fed.error();
                return false;
            }
            return fed.value() && !cancel.isCancelled();
        },
        cancel);
    if (streamError) {
        return *streamError;
    }
    return result;
}

} // namespace drydock
