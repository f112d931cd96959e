#pragma once
#include "core/files/FileReview.h"
#include "core/files/dockerfile/Dockerfile.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

#include <set>
#include <string>
#include <vector>

namespace drydock {

// Reviews one Dockerfile: parses it, maps each stage to the Image a build gives and runs the image rules on
// it as `drydock scan` runs them on the built image (same rule ids), adds the Dockerfile-only checks
// (DKF-…), locates every finding at its instruction and proposes the minimal patch (DockerfilePatcher),
// re-checked on the patched text.
//
// Semantics: the final stage (the build target) and the stages it is built FROM get every image and secrets
// rule that reads the file's content; rules about the built artefact rather than the file (IMG-005 tags,
// IMG-006 digests, IMG-007 age, IMG-019 sprawl, IMG-020 registry of the built image's name) are left out.
// The other stages only leave files behind, so they get the rules about how the build runs — IMG-015 remote
// script piped to a shell, IMG-016 verification disabled, SEC-002/SEC-003 secrets in ENV, ARG and RUN —
// with the stage named in the evidence and in the object (`path:stage`). A finding about something missing
// (no USER, no HEALTHCHECK) points at the final stage's FROM line. A parse error, or a file whose RUN
// instructions hold more shell commands than a review reads in bounded time (500 in one RUN, 10,000 in
// all), fills `error` and nothing else.
FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits = {});
// The same with the user's scan settings, as `drydock scan` takes them: severity overrides, disabled rules
// and areas apply to the image rules and the DKF checks alike; the patch is re-checked with them.
FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits,
                            const ScanSettings& settings);
// The same knowing the secret files of its build context that .dockerignore lets through
// (secretFilesInBuildContext): a COPY of a folder holding one is DKF-001 too.
FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits,
                            const ScanSettings& settings, std::vector<std::string> contextSecretFiles);

// The located findings of a parsed Dockerfile, sorted by line, column and rule; no patch.
std::vector<Finding> dockerfileFindings(const std::string& path, const Dockerfile& file,
                                        const RuleCatalogue& catalogue, const ScanSettings& settings = {});

// The image rules that judge the built artefact, not the file, and so never run on a Dockerfile.
const std::set<std::string>& artefactOnlyImageRules();
// The rules the stages outside the final image get: how the build runs.
const std::set<std::string>& buildStageRules();

} // namespace drydock
