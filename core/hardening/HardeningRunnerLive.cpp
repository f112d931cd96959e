// The live half of HardeningRunner: limits changed on the running container with docker update, and undone.
#include "core/hardening/HardeningRunner.h"

#include "core/common/Strings.h"
#include "core/hardening/RunnerSupport.h"

namespace drydock {

Result<ApplyOutcome> HardeningRunner::applyLive(const Container& original, const LiveResources& target,
                                                const CancelToken& cancel)
{
    ApplyOutcome outcome;
    outcome.live = true;
    outcome.newId = original.id;
    const LiveResources before = liveResourcesOf(original.hostConfig);
    const std::string change = describeLiveChange(before, target);
    update([&](ApplyProgress& s) {
        s = ApplyProgress{};
        s.endpoint = m_client.endpoint().display();
        s.name = original.name;
        s.originalId = original.id;
        s.wasRunning = true;
        s.originalPolicy = original.hostConfig.restartPolicy;
        s.lastRequest = "change the limits of " + original.name + " in place (" + change + ")";
    });
    auto updated = m_writer.updateResources(original.id, updateBetween(before, target));
    // The record the undo reads: the values before and after, never anything else of the container.
    step(kLiveUpdateStep, updated ? "ok" : "failed",
         updated ? formatLiveRecord(before, target) : change + ": " + updated.error().message);
    update([&](ApplyProgress& s) {
        s.lastRequest.clear();
        s.finished = !updated;
    });
    if (!updated) {
        return Error::make(updated.error().code,
                           "The daemon refused to change the limits of " + original.name + " in place (" +
                               change + "), so nothing was changed: " + updated.error().message,
                           updated.error().httpStatus);
    }
    outcome.watch = watch(original.id, cancel);
    step("watch updated container", outcome.watch.stayedUp ? "ok" : "failed", outcome.watch.summary);
    if (outcome.watch.stayedUp && !cancel.isCancelled()) {
        update([](ApplyProgress& s) { s.finished = true; });
        outcome.applied = true;
        outcome.notes.push_back("Changed in place with docker update, no stop and no recreate: " + change +
                                ". `drydock harden " + original.name +
                                " --undo-limits` puts the previous values back.");
        return outcome;
    }

    // It did not stay up under the new limits (or the apply was cancelled): the previous values go back.
    outcome.interrupted = cancel.isCancelled();
    StringList notLifted;
    const ResourceUpdate back = updateBetween(target, before, &notLifted);
    auto restored = back.empty() ? success() : m_writer.updateResources(original.id, back);
    step("restore resources", restored ? "ok" : "failed",
         restored ? formatLiveRecord(target, before) : restored.error().message);
    if (!restored) {
        return Error::make(restored.error().code,
                           "The new limits of " + original.name + " were set (" + change +
                               ") and it did not stay up (" + outcome.watch.summary +
                               "), and the previous values could not be put back: " +
                               restored.error().message + " Set them by hand with docker update.");
    }
    auto now = m_client.inspectContainer(original.id);
    if (now && !now->state.running) {
        auto started = m_writer.startContainer(original.id);
        step("start original", started ? "ok" : "failed",
             original.name + (started ? "" : ": " + started.error().message));
    }
    if (!notLifted.empty()) {
        outcome.notes.push_back("Docker cannot lift a limit from an existing container, so these stay: " +
                                join(notLifted, ", ") + ".");
    }
    update([](ApplyProgress& s) { s.finished = true; });
    outcome.rolledBack = true;
    return outcome;
}

Result<LiveUndoOutcome> HardeningRunner::undoLiveUpdate(const std::string& nameOrId,
                                                        const std::vector<ActionRecord>& actions)
{
    auto container = m_client.inspectContainer(nameOrId);
    if (!container) {
        return container.error();
    }
    const Container& c = container.value();
    auto last = lastLiveUpdate(actions, c.name);
    if (!last) {
        return last.error();
    }
    if (!last->action.objectId.empty() && last->action.objectId != c.id) {
        return Error::make(ErrorCode::InvalidArgument, c.name + " is another container (" +
                                                           c.id.substr(0, 12) +
                                                           ") than the one whose limits were changed live (" +
                                                           last->action.objectId.substr(0, 12) +
                                                           "): it was recreated since. Nothing was changed.");
    }
    LiveUndoOutcome outcome;
    outcome.name = c.name;
    outcome.before = liveResourcesOf(c.hostConfig);
    const ResourceUpdate request = updateBetween(outcome.before, last->previous, &outcome.notLifted);
    if (request.empty()) {
        if (!outcome.notLifted.empty()) {
            return Error::make(
                ErrorCode::InvalidArgument,
                "Docker cannot lift a limit from an existing container (docker update reads 0 as "
                "\"unchanged\"), and that is all the undo of " +
                    c.name + " would do: " + join(outcome.notLifted, ", ") +
                    ". Nothing was changed; recreate the container without it to lift it.");
        }
        outcome.after = outcome.before;
        step(kLiveUpdateStep, "ok", formatLiveRecord(outcome.before, outcome.after));
        return outcome;
    }
    auto r = m_writer.updateResources(c.id, request);
    if (!r) {
        step(kLiveUpdateStep, "failed", r.error().message);
        return Error::make(r.error().code,
                           "The daemon refused to put the previous limits of " + c.name +
                               " back, so nothing was changed: " + r.error().message,
                           r.error().httpStatus);
    }
    auto after = m_client.inspectContainer(c.id);
    outcome.after = after ? liveResourcesOf(after->hostConfig) : last->previous;
    step(kLiveUpdateStep, "ok", formatLiveRecord(outcome.before, outcome.after));
    return outcome;
}

} // namespace drydock
