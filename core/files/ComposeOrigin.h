#pragma once
#include "core/common/Result.h"
#include "core/findings/Finding.h"
#include "core/model/Container.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// Where a running container's compose service is written, read from the labels `docker compose` sets on it
// (com.docker.compose.project, .service, .project.config_files, .project.working_dir).
struct ComposeOrigin
{
    std::string project;
    std::string service;
    std::string workingDir;
    std::vector<std::string> configFiles; // absolute paths on the daemon's host, in -f order
};

// The compose origin of a container; nullopt when compose did not create it (no project or service label).
std::optional<ComposeOrigin> composeOriginOf(const Container& container);

// A container's hardening written where it lives: the next `docker compose up` recreates the container from
// its file and undoes any container-only fix, so the edits are also made to the service in its compose file
// (the first config file that defines it), as minimal textual edits (ComposePatcher).
struct ComposeOriginFix
{
    ComposeOrigin origin;
    std::string file;         // the config file patched; empty when none could be read or none defines the service
    std::string originalText; // what was read from it
    std::string fixedText;    // equal to originalText when nothing could be applied
    std::string diff;         // unified diff of file as shown (secrets masked); empty when nothing changed
    std::vector<std::string> notes; // the compose-up warning first, then skipped edits, files to create, unreadable files
};

// Reads a file the daemon's labels name (a seam: tests and remote daemons decide what is readable).
using OriginFileReader = std::function<Result<std::string>(const std::string& path)>;

// The edits applied to the service in its compose file. Files that cannot be read (a remote daemon's host,
// permissions) become notes, never errors. The diff names the file without its leading "/" (git's a/ b/ form).
ComposeOriginFix composeFixForOrigin(const ComposeOrigin& origin, const std::vector<RunEdit>& edits,
                                     const OriginFileReader& readFile);
// The same for a container: nullopt when the container is not from compose.
std::optional<ComposeOriginFix> composeFixForContainer(const Container& container, const std::vector<RunEdit>& edits,
                                                       const OriginFileReader& readFile);
// The reader the CLI and the GUI use: files of this machine (up to FileReviewLimits' size) when the daemon runs
// here (a unix socket); otherwise none, since the labels name paths on the daemon's host and a file at the same
// path here would be another project's.
OriginFileReader composeFileReaderFor(bool daemonIsLocal);

} // namespace drydock
