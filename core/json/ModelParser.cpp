#include "core/json/ModelParser.h"
// STUB: replaced by the JSON work.
namespace drydock::json {
namespace { Error ni() { return Error::make(ErrorCode::Internal, "not implemented"); } }
Result<StringList> parseContainerIds(std::string_view) { return ni(); }
Result<Container> parseContainer(std::string_view) { return ni(); }
Result<std::vector<FileChange>> parseChanges(std::string_view) { return ni(); }
Result<ExecSession> parseExec(std::string_view) { return ni(); }
Result<StringList> parseImageIds(std::string_view) { return ni(); }
Result<Image> parseImage(std::string_view) { return ni(); }
Result<std::vector<ImageHistoryEntry>> parseHistory(std::string_view) { return ni(); }
Result<std::vector<Network>> parseNetworks(std::string_view) { return ni(); }
Result<Network> parseNetwork(std::string_view) { return ni(); }
Result<std::vector<Volume>> parseVolumes(std::string_view) { return ni(); }
Result<std::vector<Plugin>> parsePlugins(std::string_view) { return ni(); }
Result<void> parseInfo(std::string_view, DaemonInfo&) { return ni(); }
Result<void> parseVersion(std::string_view, DaemonInfo&) { return ni(); }
Result<SwarmCluster> parseSwarm(std::string_view) { return ni(); }
Result<bool> parseUnlockKeySet(std::string_view) { return ni(); }
Result<std::vector<SwarmNode>> parseNodes(std::string_view) { return ni(); }
Result<std::vector<SwarmService>> parseServices(std::string_view) { return ni(); }
Result<std::vector<SwarmSecret>> parseSecrets(std::string_view) { return ni(); }
Result<std::vector<SwarmConfig>> parseConfigs(std::string_view) { return ni(); }
Result<DockerEvent> parseEvent(std::string_view) { return ni(); }
std::string parseErrorMessage(std::string_view) { return {}; }
} // namespace drydock::json
