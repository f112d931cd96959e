#pragma once
#include "core/common/Result.h"
#include "core/files/FileReview.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// The compose files one `docker compose` project reads, in `-f` order: a base file and the files laid over it.
struct ComposeFileGroup
{
    std::string directory;          // the project directory (relative, "." for the root)
    std::vector<std::string> files; // relative paths, base first
    bool reportBaseFindings = true; // false for an overlay reviewed on top of a base that has its own group
};

// What `drydock check` reviews under the paths it was given.
struct ProjectFileSet
{
    std::vector<ComposeFileGroup> composeGroups;
    std::vector<std::string> dockerfiles;
    std::vector<std::string> notes; // "stopped after 10,000 files", "skipped a symbolic link to a folder: x"
};

// Where and how to look for compose files and Dockerfiles.
struct DiscoveryOptions
{
    std::vector<std::string> paths;        // folders are walked; files are taken as named (the CLI gives ".")
    std::vector<std::string> excludes;   // gitignore-style globs relative to each folder walked
    std::vector<std::string> composeFiles; // `-f` files: one project, in this order, instead of discovery
    bool honourGitignore = true;           // .gitignore files and .git/info/exclude
    std::size_t maxFiles = 10000;          // entries looked at, a bound against huge trees
    int maxDepth = 32;
};

// Which kind of file a name is: compose.yaml, compose.yml, docker-compose.yml, docker-compose.*.yml,
// compose.*.yaml; Dockerfile, Dockerfile.*, *.Dockerfile (any case of "dockerfile"). nullopt otherwise.
std::optional<ReviewedFileKind> reviewedKindOfName(std::string_view fileName);

// Walks the paths (never following symbolic links to folders, never into `.git`), honouring `.gitignore`,
// `.git/info/exclude` and the exclude globs, and groups compose files into projects as `docker compose` does
// in a folder: the base file with its `*.override.*` file; every other `docker-compose.X.yml` laid over the
// base as its own project. A path that does not exist is an error naming it.
Result<ProjectFileSet> discoverProjectFiles(const DiscoveryOptions& options);

} // namespace drydock
