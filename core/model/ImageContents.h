#pragma once
#include "core/model/Common.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// One path of an image's final file system (after every layer and whiteout), as its tar header said.
struct FileEntry
{
    enum class Type
    {
        Regular,
        Directory,
        Symlink,
        HardLink,
        Other // devices, fifos, sockets
    };
    Type type = Type::Regular;
    std::uint32_t mode = 0; // permission and special bits only (mode & 07777)
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    std::int64_t size = 0;
    std::string linkTarget;       // symlink target as written, or the hard link's source path (normalised)
    int layer = 0;                // index in the image's layer list of the layer that last wrote this path
    bool hasCapabilities = false; // PAX SCHILY.xattr.security.capability present
    std::optional<std::string> content; // kept only for the small files the checks read
};

// The final file system view: normalised paths without a leading slash ("usr/bin/sh") to entries.
using FileTree = std::map<std::string, FileEntry>;

// A secret-looking file that a later layer deleted: gone from the final view, still inside the earlier
// layer's tar for anyone who pulls the image.
struct RemovedFile
{
    std::string path;
    FileEntry entry; // entry.layer is the layer that added it
    int removedInLayer = 0;
};

// One layer as the saved image lists it.
struct LayerSummary
{
    std::string path;       // member name in the saved tar ("<id>/layer.tar" or "blobs/sha256/<hex>")
    std::string diffId;     // "sha256:…" when the image config names it
    std::string createdBy;  // the history line that made the layer, when known
    std::int64_t bytes = 0; // uncompressed tar bytes read
    std::int64_t files = 0;
};

// One installed package from the OS package database.
struct InstalledPackage
{
    std::string name;
    std::string version;       // as the package manager writes it ("1:2.36-9+deb12u4", "1.36.1-r15")
    std::string sourceName;    // Debian source package (vulnerability databases are keyed by source)
    std::string sourceVersion; // when the source version differs from the binary version
    std::string arch;
    std::string ecosystem; // "deb", "apk", "rpm"
    std::string license;
};

// An image's /etc/os-release: which distribution and version it is built on.
struct OsRelease
{
    std::string id;        // "debian", "alpine", "ubuntu"
    std::string versionId; // "12", "3.19.1"
    std::string prettyName;
    std::string codename;
};

// A known vulnerability affecting one installed package.
struct Vulnerability
{
    std::string id; // "CVE-2023-4911" or the advisory id
    std::string package;
    std::string installedVersion;
    std::string fixedVersion; // empty: no fix published
    std::string severity;     // "critical", "high", "medium", "low", "unknown"
    double cvssScore = 0.0;
    std::string cvssVector;
    std::string title;
    std::string source; // "osv", "trivy", "grype"
};

// What content analysis learnt about one image. Produced only on request (it reads every layer).
struct ImageContents
{
    std::string imageId;
    std::vector<LayerSummary> layers;
    FileTree files;
    std::vector<RemovedFile> removedFiles;
    OsRelease os;
    std::vector<InstalledPackage> packages;
    std::vector<Vulnerability> vulnerabilities;
    StringList notes; // non-fatal remarks, e.g. "RPM database present but not read"
    // Set when the image is beyond the analysis limits: the reason, and then no files at all (IMG-115).
    std::string limitReached;
    std::int64_t bytesRead = 0;
};

} // namespace drydock
