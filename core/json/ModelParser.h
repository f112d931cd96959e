#pragma once
#include "core/common/Result.h"
#include "core/model/ContainerStats.h"
#include "core/model/DockerEvent.h"
#include "core/model/Inventory.h"

#include <string_view>

namespace drydock {

// JSON bodies of the Docker Engine API -> model values. Tolerant of API 1.41 … 1.51: missing fields, nulls
// and unknown fields are fine; a body that is not JSON, or the wrong JSON type at the top, is an Error
// (MalformedResponse) whose message names the endpoint kind. Never throws.
namespace json {

Result<StringList> parseContainerIds(std::string_view body);         // GET /containers/json
Result<Container> parseContainer(std::string_view body);             // GET /containers/{id}/json
Result<std::vector<FileChange>> parseChanges(std::string_view body); // GET /containers/{id}/changes (null = [])
Result<ExecSession> parseExec(std::string_view body);                // GET /exec/{id}/json
Result<ContainerStats> parseStats(std::string_view body); // GET /containers/{id}/stats?stream=false
Result<StringList> parseImageIds(std::string_view body);             // GET /images/json
Result<Image> parseImage(std::string_view body);                     // GET /images/{id}/json
Result<std::vector<ImageHistoryEntry>> parseHistory(std::string_view body); // GET /images/{id}/history
Result<std::vector<Network>> parseNetworks(std::string_view body);   // GET /networks
Result<Network> parseNetwork(std::string_view body);                 // GET /networks/{id}
Result<std::vector<Volume>> parseVolumes(std::string_view body);     // GET /volumes ({"Volumes":[…]})
Result<Volume> parseVolume(std::string_view body);                   // GET /volumes/{name}
Result<std::vector<Plugin>> parsePlugins(std::string_view body);     // GET /plugins
Result<void> parseInfo(std::string_view body, DaemonInfo& into);     // GET /info
Result<void> parseVersion(std::string_view body, DaemonInfo& into);  // GET /version
Result<SwarmCluster> parseSwarm(std::string_view body);              // GET /swarm (JoinTokens ignored)
Result<bool> parseUnlockKeySet(std::string_view body);               // GET /swarm/unlockkey (key dropped)
Result<std::vector<SwarmNode>> parseNodes(std::string_view body);
Result<std::vector<SwarmService>> parseServices(std::string_view body);
Result<std::vector<SwarmSecret>> parseSecrets(std::string_view body);
Result<std::vector<SwarmConfig>> parseConfigs(std::string_view body); // Data base64-decoded into data
Result<DockerEvent> parseEvent(std::string_view line);                // one JSON object of /events
// {"message": "..."} of an error answer; empty when the body has no message.
std::string parseErrorMessage(std::string_view body);
// {"Id": "…", "Warnings": []} of POST /containers/create.
Result<std::string> parseCreatedId(std::string_view body);

} // namespace json
} // namespace drydock
