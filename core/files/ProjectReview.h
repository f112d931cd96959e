#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/files/FileReview.h"
#include "core/files/ProjectFiles.h"
#include "core/results/ScanResult.h"

#include <map>
#include <string>
#include <vector>

namespace drydock {

// What `drydock check` and the Files page review, and with what.
struct ProjectReviewOptions
{
    DiscoveryOptions discovery;
    std::map<std::string, std::string> environment; // for `${VAR}` in compose files (the process environment)
    FileReviewLimits limits;
};

// Every file reviewed, in a stable order (compose files, then Dockerfiles, each by path), with its findings and fix.
struct ProjectReview
{
    std::vector<FileReview> files;
    std::vector<std::string> notes; // discovery notes: files skipped, limits reached
    std::int64_t startedAtUnix = 0;
    std::int64_t finishedAtUnix = 0;

    // As a scan result, so every report format (text, HTML, PDF, JSON, SARIF, CSV) renders it; the endpoint
    // is "files:PATH…" and the inventory is empty.
    ScanResult asScanResult(const std::string& catalogueVersion) const;
    std::size_t errorCount() const; // files that could not be read or parsed
};

// Discovers the files and reviews each: compose projects through the compose loader and rules (their fixes
// made by ComposePatcher and re-checked), Dockerfiles through the Dockerfile review. A file that cannot be read
// or parsed gets its error and the others go on; only a path that does not exist fails the whole review.
Result<ProjectReview> reviewProject(const ProjectReviewOptions& options, const CancelToken& cancel = CancelToken());

} // namespace drydock
