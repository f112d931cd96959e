#pragma once
#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/common/Time.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/CreateBody.h"
#include "core/hardening/HardeningPlan.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// What the hardening runner and the trial batch share: how the daemon's refusals read, the time stamp in the
// names of trial and backup containers, and the steps that make a container from a plan ready to start
// (create body, networks, secret files) and read its log safely.
namespace drydock::runner {

// Marks the name of every trial container (NAME-drydock-trial-STAMP[-N]): what removeLeftoverTrials looks
// for.
inline constexpr std::string_view kTrialMarker = "-drydock-trial-";

// The daemon answered and refused: the request did nothing. A transport failure leaves it unknown.
inline bool refusedByDaemon(const Error& e)
{
    return e.code == ErrorCode::HttpError;
}

inline bool isNotFound(const Error& e)
{
    return e.code == ErrorCode::NotFound || (e.code == ErrorCode::HttpError && e.httpStatus == 404);
}

// "20261129T051500" from a Unix time: sortable, and valid in a container name.
inline std::string timeStamp(std::int64_t unix)
{
    std::string t = formatRfc3339(unix); // 2026-11-29T05:15:00Z
    std::string out;
    for (const char c : t) {
        if ((c >= '0' && c <= '9') || c == 'T') {
            out += c;
        }
    }
    return out;
}

// What a trial or apply needs before it changes anything: the original, its create body with the edits
// applied, and the owner the secret files get.
struct PreparedContainer
{
    Container original;
    CreateBody body;
    int secretUid = 0;
    int secretGid = 0;
};

// One step for the action log: what, outcome ("ok", "failed"), details (never a secret value).
using StepFn =
    std::function<void(const std::string& what, const std::string& outcome, const std::string& details)>;

// The plan's container as the daemon describes it now: its inspect text and the image to create from (its id
// when the tag has moved since: a trial or hardened container must run the very same image).
struct OriginalContainer
{
    std::string inspect;
    Container container;
    std::string imageOverride;
};

// Reads the plan's container (an Error for an image plan or a container the daemon cannot show).
Result<OriginalContainer> readOriginal(DockerClient& client, const HardeningPlan& plan);
// Builds the create body of the original with these edits (trial: see CreateBodyOptions::trial).
Result<PreparedContainer> prepareContainer(const OriginalContainer& original, const HardeningPlan& plan,
                                           const std::vector<RunEdit>& edits, bool trial);
// What a created container needs before it starts: the networks beyond the first, then the secret files (each
// a step naming network, path and variable only).
Result<void> readyToStart(DockerWriter& writer, const std::string& id, const PreparedContainer& p,
                          const StepFn& step);
// A container's log (GET …/logs) as lines people may read: demultiplexed, the secret values of the container
// (its secret files and secret-looking environment values, and anything shaped like a secret) masked, each
// line terminal-safe and cut to 400 bytes.
StringList readableLogLines(const std::string& raw, const PreparedContainer& p);

} // namespace drydock::runner
