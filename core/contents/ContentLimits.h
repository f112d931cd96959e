#pragma once
#include <cstddef>
#include <cstdint>

namespace drydock {

// Bounds that keep a hostile or huge saved image from exhausting memory, disk or time. Layer bytes are
// streamed and never kept. Memory is bounded in bytes, not entries: the file index (every path once in a
// compact store, one small record per layer member, and the final file tree the checks read) may use
// maxIndexBytes; the small files the checks read have their own budget. An image beyond any bound is "too
// large to analyse" — a clear outcome, never a partial view that would look clean.
struct ContentLimits
{
    std::int64_t maxTotalBytes = std::int64_t{256} * 1024 * 1024 * 1024; // whole saved-image stream, as read
    // Bytes after decompression, counted separately for the saved-image stream and for all layer tars
    // together: a gzip or zstd bomb stops here, not at the disk or the clock.
    std::int64_t maxUncompressedBytes = std::int64_t{64} * 1024 * 1024 * 1024;
    std::int64_t maxIndexBytes = 256 * 1024 * 1024; // the file index in memory, whatever the entry count
    int maxSeconds = 900;                           // wall-clock time for reading one image
    std::size_t maxPathLength = 4096;
    int maxPathDepth = 256;
    std::int64_t maxMetadataBytes = 16 * 1024 * 1024;  // manifest.json, image config, OCI index and manifests
    std::int64_t maxSmallFileBytes = 64 * 1024;        // key-looking and credential files: this much is read
    std::int64_t maxPackageDbBytes = 64 * 1024 * 1024; // dpkg status, apk installed
    std::int64_t maxKeptContentBytes = 256 * 1024 * 1024; // all kept file contents together
};

} // namespace drydock
