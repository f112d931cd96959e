#pragma once
#include "core/files/FileReview.h"
#include "core/files/compose/ComposeProject.h"

#include <vector>

namespace drydock {

// A daemon rule that does not run on compose files, and why.
struct ExcludedComposeRule
{
    const char* ruleId;
    const char* reason;
};

// The container, runtime, network and secrets rules left out of a compose review because they need a running
// container or the daemon's state (crash loops, drift, exec sessions, image store, swarm): the one list.
const std::vector<ExcludedComposeRule>& composeExcludedRules();

// Reviews a loaded project: every service mapped to a container and the container, runtime, network and
// secrets rules run on them (plus the project's networks and volumes), then the compose-only checks (CMP-…).
// Gives one FileReview per file of the project, in ComposeProject::files order, with originalText filled;
// each finding has its location (the key that causes it, in the file that set it), its remediation edits
// (fixedText is left for the patcher), evidence naming the compose key with secrets masked, and the object
// ObjectRef{Container, "<file>#<service>", service}.
// `limits` is taken for symmetry with the Dockerfile review; the project was bounded when it was loaded, and
// the review itself stops at 512 entries per service attribute and 1,000 services (said in the notes).
std::vector<FileReview> reviewCompose(const ComposeProject& project, const FileReviewLimits& limits = {});

} // namespace drydock
