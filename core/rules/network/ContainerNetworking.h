#pragma once
#include "core/findings/Finding.h"
#include "core/model/Container.h"

#include <string>
#include <vector>

namespace drydock {

// True when the network mode puts the container on docker0: "default" (a plain docker run) or "bridge".
bool usesDefaultBridgeMode(const Container& container);

// True for the modes that give the container no Docker network of its own ("host", "none",
// "container:<id>"): nothing is published and no bridge is joined.
bool bypassesDockerNetworks(const Container& container);

// "<container>-net": the dedicated network both NET-002 and NET-007 move a container to, so that their
// edits agree when both are applied.
std::string dedicatedNetworkName(const Container& container);

// Edits that move the container from its current --network (none is emitted for "default") to `network`.
std::vector<RunEdit> moveToNetwork(const Container& container, const std::string& network);

// "--publish 127.0.0.1:<hostPort>:<port>[/udp]" for a container port such as "80/tcp"; an empty hostPort
// lets Docker pick one.
RunEdit publishOnLoopback(const std::string& containerPort, const std::string& hostPort);

} // namespace drydock
