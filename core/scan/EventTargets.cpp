#include "core/scan/EventTargets.h"

#include "core/common/Strings.h"

#include <initializer_list>

namespace drydock {

namespace {

bool actionIn(const std::string& action, std::initializer_list<const char*> names)
{
    for (const char* n : names) {
        if (action == n || startsWith(action, std::string(n) + ":")) {
            return true;
        }
    }
    return false;
}

} // namespace

std::vector<EventTarget> eventTargets(const DockerEvent& e)
{
    const std::string& a = e.action;
    if (e.actorId.empty()) {
        return {};
    }
    if (e.type == "container") {
        // What changes a container's inspect: its life cycle, settings, name, health and exec sessions.
        // attach, resize, top, copy and exec_create change nothing Drydock checks; kill and oom are
        // followed by die.
        if (actionIn(a, {"create", "start", "restart", "stop", "die", "pause", "unpause", "update", "rename",
                         "destroy", "health_status", "exec_start", "exec_die"})) {
            return {{ObjectType::Container, e.actorId}};
        }
        return {};
    }
    if (e.type == "network") {
        if (actionIn(a, {"create", "destroy", "remove", "connect", "disconnect"})) {
            std::vector<EventTarget> out{{ObjectType::Network, e.actorId}};
            const auto member = e.attributes.find("container");
            if (member != e.attributes.end() && !member->second.empty()) {
                out.push_back({ObjectType::Container, member->second});
            }
            return out;
        }
        return {};
    }
    if (e.type == "image") {
        if (actionIn(a, {"pull", "import", "load", "tag", "untag", "delete"})) {
            return {{ObjectType::Image, e.actorId}};
        }
        return {};
    }
    if (e.type == "volume") {
        if (actionIn(a, {"create", "destroy"})) {
            return {{ObjectType::Volume, e.actorId}};
        }
    }
    return {};
}

} // namespace drydock
