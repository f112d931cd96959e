#pragma once
#include "core/files/dockerfile/Dockerfile.h"
#include "core/findings/Finding.h"
#include "core/rules/Rule.h"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace drydock {

// A finding of a Dockerfile-only check and the instruction it is about (index into Dockerfile::instructions).
struct DockerfileCheckFinding
{
    std::size_t instruction = 0;
    Finding finding; // object and location are left to the caller
};

// The checks only a Dockerfile allows, for gaps the image rules (which read a built image) leave:
// DKF-001 keys, .env, .git and credential files copied into the image; DKF-002 a base image that is
// `latest` or untagged; DKF-003 a base image not pinned by digest; DKF-004 a secret passed in as a build
// argument (an ARG, or an ENV set from one, under a secret-looking name, whose value the file does not hold);
// DKF-005 a secret value in a global ARG before the first FROM (no image history ever shows it, the
// repository does). Texts are data, like a rule's.
const std::vector<RuleInfo>& dockerfileCheckInfos();

// How bad copying this source into an image is (a key, `.env`, credentials, `.git`): DKF-001's judgement of
// one COPY/ADD source; nullopt for an ordinary file.
std::optional<Severity> copiedSecretFileSeverity(std::string_view source);

// Runs every DKF check over a parsed file. `finalStages` are the stages whose content the final image holds
// (finalImageStages): a mutable base there is medium, in a build-only stage low. Evidence is masked.
std::vector<DockerfileCheckFinding> runDockerfileChecks(const Dockerfile& file,
                                                        const std::vector<int>& finalStages);

} // namespace drydock
