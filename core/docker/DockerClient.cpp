#include "core/docker/DockerClient.h"
// STUB: replaced by the transport work.
namespace drydock {
namespace { Error ni() { return Error::make(ErrorCode::Internal, "not implemented"); } }
DockerClient::DockerClient(std::unique_ptr<Transport> transport, DockerEndpoint endpoint) : m_transport(std::move(transport)), m_endpoint(std::move(endpoint)) {}
Result<ApiVersion> DockerClient::negotiate() { return ni(); }
Result<DaemonInfo> DockerClient::daemonInfo() { return ni(); }
Result<StringList> DockerClient::listContainerIds() { return ni(); }
Result<Container> DockerClient::inspectContainer(const std::string&) { return ni(); }
std::vector<Result<Container>> DockerClient::inspectContainers(const StringList&) { return {}; }
Result<std::vector<FileChange>> DockerClient::containerChanges(const std::string&) { return ni(); }
std::vector<Result<std::vector<FileChange>>> DockerClient::containerChanges(const StringList&) { return {}; }
std::vector<Result<ExecSession>> DockerClient::inspectExecs(const StringList&) { return {}; }
Result<StringList> DockerClient::listImageIds() { return ni(); }
std::vector<Result<Image>> DockerClient::inspectImages(const StringList&) { return {}; }
Result<Image> DockerClient::inspectImage(const std::string&) { return ni(); }
Result<std::vector<Network>> DockerClient::listNetworks() { return ni(); }
Result<std::vector<Volume>> DockerClient::listVolumes() { return ni(); }
Result<std::vector<Plugin>> DockerClient::listPlugins() { return ni(); }
Result<std::optional<SwarmState>> DockerClient::swarmState(const DaemonInfo&) { return ni(); }
Result<void> DockerClient::streamEvents(std::int64_t, const std::function<bool(const DockerEvent&)>&, const CancelToken&) { return ni(); }
Result<std::string> DockerClient::get(const std::string&) { return ni(); }
std::vector<Result<std::string>> DockerClient::getAll(const StringList&) { return {}; }
} // namespace drydock
