#include "core/hardening/ContainerResolver.h"

#include "core/common/Strings.h"

namespace drydock {

Result<std::optional<ContainerMatch>> ContainerResolver::resolve(const std::vector<Container>& containers,
                                                                 const std::string& nameOrId)
{
    if (nameOrId.empty() || nameOrId == "/") {
        return Error::make(ErrorCode::InvalidArgument, "An empty name names no container.");
    }
    for (const auto& c : containers) {
        if (c.id == nameOrId) {
            return std::optional<ContainerMatch>(ContainerMatch{&c, ContainerMatchKind::FullId});
        }
    }
    // Names are stored without the leading slash the Engine API puts in front of them.
    const std::string name = startsWith(nameOrId, "/") ? nameOrId.substr(1) : nameOrId;
    for (const auto& c : containers) {
        if (c.name == name) {
            return std::optional<ContainerMatch>(ContainerMatch{&c, ContainerMatchKind::Name});
        }
    }
    std::vector<const Container*> prefixed;
    for (const auto& c : containers) {
        if (startsWith(c.id, nameOrId)) {
            prefixed.push_back(&c);
        }
    }
    if (prefixed.empty()) {
        return std::optional<ContainerMatch>();
    }
    if (prefixed.size() > 1) {
        StringList names;
        for (const Container* c : prefixed) {
            names.push_back(terminalText(c->name, 100) + " (" + c->id.substr(0, 12) + ")");
        }
        return Error::make(ErrorCode::InvalidArgument,
                           "'" + terminalText(nameOrId, 100) + "' is the start of " +
                               std::to_string(prefixed.size()) + " container ids: " + join(names, ", ") +
                               ". Give the container's name or more of its id.");
    }
    return std::optional<ContainerMatch>(ContainerMatch{prefixed.front(), ContainerMatchKind::IdPrefix});
}

} // namespace drydock
