#pragma once
#include "core/model/Inventory.h"

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One container port published on one host port, with every host address it is bound to: what is in
// force for a running container (NetworkSettings.Ports), what will be at the next start otherwise
// (HostConfig.PortBindings, where HostIp "" resolves to the network's default binding address).
struct PublishedPort
{
    std::string containerPort; // "80/tcp"
    std::string hostPort;      // "8080"; "" when Docker picks a free port at start
    StringList addresses;      // effective host addresses, e.g. {"0.0.0.0", "::"}
    bool effective = false;    // read from NetworkSettings.Ports (the container is running)
    bool defaultAddress = false; // HostIp was "" and the address is the network's default

    // "8080->80/tcp" ("random->80/tcp" when the host port is not fixed): the finding discriminator.
    std::string label() const;
    // True when some address is a wildcard (every interface).
    bool onAllInterfaces() const;
    // "NetworkSettings.Ports[80/tcp] = 0.0.0.0:8080, [::]:8080".
    std::string evidence() const;
};

// The container's published ports, one entry per (container port, host port) pair, in inspect order.
// Containers on the host network, on no network or sharing another container's network publish nothing.
std::vector<PublishedPort> publishedPorts(const Inventory& inventory, const Container& container);

// "0.0.0.0", "::" and "" (all interfaces).
bool isWildcardAddress(std::string_view address);
// The number of "80/tcp" or "8080"; 0 when there is none.
int portNumber(std::string_view port);

} // namespace drydock
