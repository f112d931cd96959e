#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"

#include <string>
#include <vector>

namespace drydock {

// Runs an installed vulnerability scanner (trivy, grype) on one image and returns its JSON report. The
// tools are told not to update their databases, so a scan does not reach the network through them either.
namespace external {

// The full path of program on PATH, or "" when it is not installed.
std::string findProgram(const std::string& program);

// Runs argv with extra environment entries, capturing stdout (at most maxBytes); kills it after timeout.
Result<std::string> run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                        int timeoutSeconds, std::size_t maxBytes, const CancelToken& cancel);

// `trivy image --format json --quiet --skip-db-update --offline-scan --docker-host … IMAGE`.
Result<std::string> runTrivy(const std::string& image, const DockerEndpoint& endpoint, int timeoutSeconds,
                             const CancelToken& cancel);
// `grype docker:IMAGE -o json` with GRYPE_DB_AUTO_UPDATE=false and DOCKER_HOST set to the endpoint.
Result<std::string> runGrype(const std::string& image, const DockerEndpoint& endpoint, int timeoutSeconds,
                             const CancelToken& cancel);

} // namespace external
} // namespace drydock
