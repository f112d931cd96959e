#include "core/findings/Finding.h"

#include "core/common/Strings.h"

namespace drydock {

namespace {
constexpr Area kAreas[] = {Area::Image, Area::Container, Area::Runtime, Area::Network,
                           Area::Secrets, Area::Daemon, Area::Swarm, Area::Host};
constexpr ObjectType kTypes[] = {ObjectType::Container, ObjectType::Image, ObjectType::Network,
                                 ObjectType::Volume, ObjectType::Daemon, ObjectType::Plugin,
                                 ObjectType::SwarmCluster, ObjectType::SwarmNode, ObjectType::SwarmService,
                                 ObjectType::SwarmSecret, ObjectType::SwarmConfig};
} // namespace

const char* toString(Area area)
{
    switch (area) {
    case Area::Image: return "image";
    case Area::Container: return "container";
    case Area::Runtime: return "runtime";
    case Area::Network: return "network";
    case Area::Secrets: return "secrets";
    case Area::Daemon: return "daemon";
    case Area::Swarm: return "swarm";
    case Area::Host: return "host";
    }
    return "container";
}

const char* displayName(Area area)
{
    switch (area) {
    case Area::Image: return "Image";
    case Area::Container: return "Container";
    case Area::Runtime: return "Runtime";
    case Area::Network: return "Network";
    case Area::Secrets: return "Secrets";
    case Area::Daemon: return "Daemon";
    case Area::Swarm: return "Swarm";
    case Area::Host: return "Host";
    }
    return "Container";
}

std::optional<Area> areaFromString(std::string_view text)
{
    const std::string lower = toLower(trim(text));
    for (Area a : kAreas) {
        if (lower == toString(a)) {
            return a;
        }
    }
    if (lower == "secret") {
        return Area::Secrets;
    }
    return std::nullopt;
}

const char* toString(ObjectType type)
{
    switch (type) {
    case ObjectType::Container: return "container";
    case ObjectType::Image: return "image";
    case ObjectType::Network: return "network";
    case ObjectType::Volume: return "volume";
    case ObjectType::Daemon: return "daemon";
    case ObjectType::Plugin: return "plugin";
    case ObjectType::SwarmCluster: return "swarm";
    case ObjectType::SwarmNode: return "swarm-node";
    case ObjectType::SwarmService: return "swarm-service";
    case ObjectType::SwarmSecret: return "swarm-secret";
    case ObjectType::SwarmConfig: return "swarm-config";
    }
    return "container";
}

std::optional<ObjectType> objectTypeFromString(std::string_view text)
{
    for (ObjectType t : kTypes) {
        if (text == toString(t)) {
            return t;
        }
    }
    return std::nullopt;
}

} // namespace drydock
