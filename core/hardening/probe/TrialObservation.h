#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/findings/Finding.h"
#include "core/model/Common.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

// Contract of issue #22 (least privilege by trial): what one trial container did, and whether a trial
// behaved like the baseline. Implemented in TrialObservation.cpp / TrialBatch.cpp.

namespace drydock {

// What one trial container did over the watch window: the facts a baseline and a changed trial are compared on.
struct TrialObservation
{
    std::string label;      // what was tried: "baseline", "CTR-002", "cap-drop ALL + CHOWN"
    bool started = false;   // created and started
    std::string startError; // the daemon's words when create or start failed (then nothing else is set)
    std::string state;      // running, exited, restarting, …
    bool running = false;
    int exitCode = 0;
    int restartCount = 0;
    std::string health; // healthy, unhealthy, starting; empty without a health check
    // TCP ports in LISTEN state, read from /proc/net/tcp and tcp6 by an exec in the trial container (Drydock's
    // own); nullopt when they could not be read (no cat in the image, exec refused).
    std::optional<std::set<int>> listeningPorts;
    // Log lines that name a permission problem (Permission denied, Operation not permitted, Read-only file
    // system, EACCES, EPERM, cannot bind), terminal-safe, secret values masked.
    StringList permissionErrors;
    std::string logTail; // last log lines, terminal-safe, secret values masked
    // Paths the trial added or changed in its own layer (GET /containers/{id}/changes), directories first: where
    // a read-only root needs a tmpfs.
    StringList writtenPaths;
    int watchedSeconds = 0;
};

// Whether a trial behaved like the baseline, with the evidence in words for people:
// "kept port 8080 and stayed healthy for 10 s" / "logged `chown: Operation not permitted`".
struct TrialComparison
{
    bool sameBehaviour = false;
    std::string evidence;
};

// Compares on: still running (or exited with the same code), the same number of restarts, the same health, the
// same listening ports where both could be read, and no permission-error line the baseline did not have.
TrialComparison compareTrial(const TrialObservation& baseline, const TrialObservation& trial);

// One trial to run: the container's own configuration with these edits (on top of nothing else).
struct TrialSpec
{
    std::string label;
    std::vector<RunEdit> edits;
};

} // namespace drydock
