#pragma once
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"
#include "core/hardening/probe/TrialObservation.h"

#include <optional>
#include <string>
#include <vector>

// The changes of a plan the least-privilege probe tries, and the edits its trials are made of (used by
// LeastPrivilegeProbe.cpp only; a header of its own so the probe's scheduling stays readable).
namespace drydock {

// How the probe tries one change.
enum class ProbeKind
{
    Single,    // one trial with the change's edits
    User,      // CTR-001: one trial as the plan's non-root user (the capability bisection then runs as it)
    DropAdded, // CTR-003: one trial without the added capability (its --cap-drop ALL goes by the bisection)
    Capabilities, // --cap-drop ALL: the capabilities to add back are found by bisection
    Privileged,   // CTR-002: without --privileged, then with the capabilities it turns out to use
    ReadOnly      // read-only root with a tmpfs for each directory the baseline wrote to
};

// One change the probe tries, and what its trials have shown so far.
struct ProbeCandidate
{
    const HardeningChange* change = nullptr;
    ProbeKind kind = ProbeKind::Single;
    std::string label;                  // what its own trial is called ("dropping SYS_ADMIN")
    std::vector<RunEdit> trialEdits;    // the edits of its own trial
    std::string capability;             // DropAdded: the capability, flag spelling
    bool alsoDropsAll = false;          // DropAdded: the change also adds --cap-drop ALL
    std::optional<TrialComparison> own; // its verdict so far
    bool settled = false;               // no trial of it is still to come
    ProbeVerdict verdict;               // addedBack, tmpfsDirectories as found
};

// Every automatic change whose edits a trial can show the effect of (not waived), in plan order.
std::vector<ProbeCandidate> probeCandidates(const HardeningPlan& plan);

// Container paths the command mounts something on (--volume, --mount, --tmpfs).
StringList mountTargetsOf(const RunCommand& command);
// What --cap-drop ALL may have to add back: Docker's defaults the command does not drop, and the capabilities
// it adds, except those removable (every Linux capability when it adds ALL).
StringList capabilityUniverse(const RunCommand& command, const StringList& removable);
// What --privileged gave beyond what the command has without it: the capabilities to bisect in its place.
StringList privilegedReplacementUniverse(const RunCommand& command);
// edits followed by --cap-add for each capability.
std::vector<RunEdit> withCapabilities(std::vector<RunEdit> edits, const StringList& capabilities);
// context, then --cap-drop ALL with every --cap-add of the command removed and only keep added.
std::vector<RunEdit> dropAllExcept(const std::vector<RunEdit>& context, const RunCommand& command,
                                   const StringList& keep);
// A change's edits with what its probe found: --cap-add for each capability added back, a tmpfs for each
// directory kept writable (the planner's tmpfs options).
std::vector<RunEdit> probedEdits(const HardeningChange& change, const ProbeVerdict& verdict);

} // namespace drydock
