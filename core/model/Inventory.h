#pragma once
#include "core/model/Container.h"
#include "core/model/DaemonInfo.h"
#include "core/model/HostFacts.h"
#include "core/model/Image.h"
#include "core/model/Network.h"
#include "core/model/Swarm.h"
#include "core/model/Volume.h"

namespace drydock {

// A part of the snapshot that could not be read, e.g. one container removed while we listed it.
struct InventoryProblem
{
    std::string objectType;
    std::string objectId;
    std::string message;
};

// One immutable snapshot of everything one endpoint showed at one moment.
struct Inventory
{
    std::string endpoint;      // DockerEndpoint::display(), e.g. "unix:///var/run/docker.sock"
    std::string engineName = "Docker"; // the product behind the API: "Docker", or "Podman" for its compatible API
    std::string engineVersion;         // DaemonInfo::serverVersion
    std::string apiVersion;    // negotiated API version, e.g. "1.41"
    std::int64_t capturedAtUnix = 0;
    DaemonInfo daemon;
    std::vector<Container> containers;
    std::vector<Image> images;
    std::vector<Network> networks;
    std::vector<Volume> volumes;
    std::vector<Plugin> plugins;
    std::optional<SwarmState> swarm; // set when the node takes part in a swarm
    std::vector<InventoryProblem> problems;
    // Read on the daemon's host (local unix socket with a visible dockerd, or rootless); unset otherwise.
    std::optional<HostFacts> host;

    const Image* findImage(const std::string& id) const
    {
        for (const auto& i : images) {
            if (i.id == id) {
                return &i;
            }
        }
        return nullptr;
    }
    const Network* defaultBridge() const
    {
        for (const auto& n : networks) {
            if (n.isDefaultBridge()) {
                return &n;
            }
        }
        return nullptr;
    }
};

} // namespace drydock
