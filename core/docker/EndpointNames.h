#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"

namespace drydock {

// Refuses a host or ssh user that is more than a name: shell metacharacters, blanks, control characters, a
// leading '-' (ssh would read an option). Hosts and users come from contexts, DOCKER_HOST and saved endpoint
// lists that someone else may have written, and they reach ssh's argv and the commands Drydock suggests.
Result<void> checkEndpointNames(const DockerEndpoint& endpoint);

} // namespace drydock
