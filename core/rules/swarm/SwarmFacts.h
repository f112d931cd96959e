#pragma once
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"

#include <string>

namespace drydock::swarmfacts {

// Shared readings of the Swarm part of a snapshot, so each swarm rule states only its policy.

// The swarm state when this node is an active manager whose /swarm answer was read (cluster id known);
// nullptr otherwise. Cluster-wide settings, nodes and services are visible only there.
const SwarmState* managerState(const Inventory& inventory);

// A finding on the swarm cluster with the given evidence.
FindingDraft clusterDraft(const Inventory& inventory, std::string evidence);

// "2160h (90 days)" for a duration in nanoseconds.
std::string durationText(std::int64_t nanoseconds);

} // namespace drydock::swarmfacts
