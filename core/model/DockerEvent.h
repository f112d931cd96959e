#pragma once
#include "core/model/Common.h"

#include <cstdint>
#include <string>

namespace drydock {

// One event from GET /events.
struct DockerEvent
{
    std::string type;   // container, image, network, volume, daemon, …
    std::string action; // create, start, die, destroy, exec_create: …, …
    std::string actorId;
    StringMap attributes;
    std::int64_t timeUnix = 0;
};

} // namespace drydock
