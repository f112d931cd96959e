#pragma once
#include "core/findings/Finding.h"
#include "core/model/DockerEvent.h"

#include <string>
#include <vector>

namespace drydock {

// One object an event from GET /events asks to re-evaluate.
struct EventTarget
{
    ObjectType type = ObjectType::Container;
    std::string id;
    bool operator==(const EventTarget&) const = default;
};

// Which objects one event asks to re-evaluate (none for events that change nothing Drydock checks). The one
// reading of the event stream both watchers share: the GUI's live updates and `drydock watch`.
std::vector<EventTarget> eventTargets(const DockerEvent& event);

} // namespace drydock
