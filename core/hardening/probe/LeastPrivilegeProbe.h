#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/probe/TrialObservation.h"

#include <functional>
#include <string>
#include <vector>

namespace drydock {

// What the probe found for one change of the plan.
struct ProbeVerdict
{
    std::string changeId;   // a HardeningChange id of the plan
    bool tolerated = false; // its trial behaved like the baseline
    std::string evidence;   // TrialComparison::evidence, or why it was not tried
    // For a --cap-drop ALL change: the capabilities whose absence changed behaviour (found by bisection), added
    // back with --cap-add; for a --privileged removal: the capabilities it turned out to use.
    StringList addedBack;
    // For the read-only change: the directories the container wrote to, kept writable as tmpfs.
    StringList tmpfsDirectories;
};

// Everything a probe found: the baseline, a verdict per change tried, and the check of all tolerated changes
// together.
struct ProbeResult
{
    TrialObservation baseline;
    std::vector<ProbeVerdict> verdicts;
    bool combinedChecked = false; // a last trial with every tolerated change at once ran
    TrialComparison combined;
    bool cancelled = false;
    int trials = 0;         // trial containers run
    int rounds = 0;         // batches of trials run at once: each costs a whole watch window
    double seconds = 0;     // wall time
};

// Progress of a probe for front ends: trials done of the (estimated) total, and what runs now.
struct ProbeProgress
{
    int done = 0;
    int total = 0;
    std::string current; // "dropping SYS_ADMIN", "bisecting capabilities (3 of 14 left)"
};

// Runs trials to find which changes of a plan a container tolerates: a baseline of the unchanged configuration,
// one trial per candidate change (dropping each added capability; --cap-drop ALL with only the capabilities
// whose absence changes behaviour added back, found by group tests in quarters; a non-root user; a read-only
// root with tmpfs for the directories it writes; no --privileged; no host namespaces; no-new-privileges), and a
// trial of every tolerated change together. Trials run a few at a time in rounds, each a watch window long, so
// the schedule saves rounds: everything that waits for nothing runs in the first, the capability search runs as
// the non-root user from the start (again as root only when that user broke), and the combined trial runs
// beside the last trials, counting when they behaved.
class LeastPrivilegeProbe
{
public:
    using Progress = std::function<void(const ProbeProgress&)>;
    // Runs the trials of one batch (see TrialBatch::run); injected so tests can drive the probe with a fake.
    using RunTrials = std::function<Result<std::vector<TrialObservation>>(const std::vector<TrialSpec>&,
                                                                          const CancelToken&)>;

    explicit LeastPrivilegeProbe(RunTrials runTrials);
    void setProgress(Progress progress);
    void setTrialsAtOnce(int count); // default 8: a few at a time, each a whole copy of the container
    Result<ProbeResult> probe(const HardeningPlan& plan, const CancelToken& cancel);

private:
    RunTrials m_runTrials;
    Progress m_progress;
    int m_trialsAtOnce = 8;
};

// Makes the plan follow a probe: tolerated changes become apply (verified by trial) with their evidence and the
// capabilities or tmpfs directories the probe found; the others become skip with the reason.
void applyProbeResult(HardeningPlan& plan, const ProbeResult& result);

} // namespace drydock
