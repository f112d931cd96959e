#pragma once
#include <cstddef>
#include <cstdint>

namespace drydock {

// Bounds that keep a hostile or huge saved image from exhausting memory, disk or time. Layer bytes are
// streamed and never kept; what is kept is one metadata record per path plus the small files checks read.
struct ContentLimits
{
    std::int64_t maxTotalBytes = std::int64_t{256} * 1024 * 1024 * 1024; // whole saved-image stream
    std::int64_t maxFiles = 2'000'000;                                   // entries over all layers
    std::size_t maxPathLength = 4096;
    int maxPathDepth = 256;
    std::int64_t maxMetadataBytes = 16 * 1024 * 1024;  // manifest.json, image config, OCI index and manifests
    std::int64_t maxSmallFileBytes = 64 * 1024;        // key-looking and credential files: this much is read
    std::int64_t maxPackageDbBytes = 64 * 1024 * 1024; // dpkg status, apk installed
    std::int64_t maxKeptContentBytes = 256 * 1024 * 1024; // all kept file contents together
};

} // namespace drydock
