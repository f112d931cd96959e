#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/HardeningRunner.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"

#include <functional>
#include <string>
#include <variant>

namespace drydock::app {

// What `drydock harden --probe` works with: the daemon, the watch window, the cancel token the interrupt
// guard fires, and where its steps are recorded and said.
struct HardenProbeContext
{
    DockerClient& docker;
    DockerWriter& writer;
    const Clock& clock;
    int watchSeconds = 5;
    const CancelToken& cancel;
    std::function<int()> signalNumber; // the first signal taken, 0 while none came
    HardeningRunner::StepLog log;      // each trial container's steps, for the history
    std::function<void(const std::string& step, const std::string& outcome, const std::string& details)>
        addAction;                                    // the probe's own steps and verdicts, for the history
    std::function<void(const std::string& text)> say; // a line on stderr
};

// Removes the trial containers an interrupted earlier run left, probes the plan's container with progress
// lines ("trial 5/12: dropping SYS_ADMIN"), prints each change's verdict and makes the plan follow them.
// Returns the result, or the exit code to stop with (1: the unchanged container did not stay up in its trial,
// so nothing could be verified; 3: the daemon failed; 128+N: interrupted, every trial container removed).
std::variant<ProbeResult, int> runHardenProbe(const HardenProbeContext& context, HardeningPlan& plan);

} // namespace drydock::app
