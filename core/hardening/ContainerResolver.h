#pragma once
#include "core/common/Result.h"
#include "core/model/Container.h"

#include <optional>
#include <string>
#include <vector>

namespace drydock {

// How a word the user typed named a container.
enum class ContainerMatchKind
{
    FullId,  // the whole 64-character id
    Name,    // the exact name ("web" or "/web")
    IdPrefix // the start of exactly one container's id
};

// The container a word named, and how it matched (name, full id, id prefix).
struct ContainerMatch
{
    const Container* container = nullptr;
    ContainerMatchKind kind = ContainerMatchKind::Name;
};

// Finds a container the way the docker CLI (the daemon's GetContainer) does: a full id first, then an exact
// name, then an id prefix that only one container has. An ambiguous prefix is an error that lists the
// candidates, never a silent first pick; no match at all is an empty optional.
class ContainerResolver
{
public:
    static Result<std::optional<ContainerMatch>> resolve(const std::vector<Container>& containers,
                                                         const std::string& nameOrId);
    // An apply changes what it finds: only an exact name or the full id may name its target.
    static bool isExactEnoughToChange(ContainerMatchKind kind)
    {
        return kind != ContainerMatchKind::IdPrefix;
    }
};

} // namespace drydock
