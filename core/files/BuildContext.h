#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace drydock {

// Bounds of one build-context listing: a context can be a whole repository.
struct BuildContextLimits
{
    std::size_t maxEntries = 20000; // files and folders looked at
    int maxDepth = 6;               // folders below the context root
};

// The key, credential and `.env` files (and `.ssh`, `.aws`, `.git`, … folders) of a build context that a
// `COPY . .` would take into the image: the context's files that `.dockerignore` (or
// `<Dockerfile>.dockerignore`, which BuildKit prefers) does not exclude, named as copiedSecretFileSeverity
// judges names; paths relative to the context, "/" separated, sorted. `.gitignore` plays no part on purpose:
// an ignored `.env` is still on the disk and still sent to the builder. Dependency and test-fixture folders
// (node_modules, vendor, testdata, …) are not looked into: their sample keys are not the project's secrets.
// Never follows a link to a folder.
std::vector<std::string> secretFilesInBuildContext(const std::string& contextDir,
                                                   const std::string& dockerfileName,
                                                   const BuildContextLimits& limits = {});

} // namespace drydock
