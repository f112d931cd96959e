#pragma once
#include "core/common/Error.h"
#include "core/docker/DockerEndpoint.h"
#include "core/results/ScanResult.h"

#include <cstdint>
#include <optional>
#include <string>

namespace drydock {

// One endpoint of a fleet: the name a person gave it (or its address) and where it is.
struct FleetTarget
{
    std::string name;
    DockerEndpoint endpoint;
};

// What one endpoint gave: a scan, or the reason it could not be reached or scanned.
struct FleetEntry
{
    FleetTarget target;
    std::optional<ScanResult> result; // set when the scan completed
    std::optional<Error> error;       // set when it did not (the endpoint counts as unreachable)
    std::int64_t durationMs = 0;

    bool reachable() const { return result.has_value(); }
};

} // namespace drydock
