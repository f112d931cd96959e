#pragma once
#include <string>
#include <vector>

namespace drydock {

// One third-party library Drydock runs with, as `drydock --version` and the About dialog show it.
struct LibraryVersion
{
    std::string name;    // "libcurl"
    std::string version; // the version in use at run time; empty when the library is not used
    std::string detail;  // build facts worth knowing, e.g. libcurl's TLS backend
    std::string licence; // SPDX expression
    std::string url;     // where the licence text and the sources are

    bool used() const { return !version.empty(); }
};

// How this binary was built.
struct BuildInfo
{
    std::string version;   // DRYDOCK_VERSION, e.g. "0.1.0"
    std::string buildType; // CMake build type, e.g. "RelWithDebInfo"
    std::string compiler;  // e.g. "GCC 12.2.0"
};

BuildInfo buildInfo();

// The libraries core links, with the versions they report at run time (curl_version_info,
// sqlite3_libversion, archive_version_string), so a package running against newer shared libraries says
// so. The JSON library is header-only: its version is the one compiled in. libarchive is listed as not used
// unless the binary links it.
std::vector<LibraryVersion> coreLibraryVersions();

// The desktop build's list: Qt first, then coreLibraryVersions(). Core does not link Qt, so the caller asks
// it (qVersion() and QT_VERSION_STR) and this adds the rest (licence, where the sources are): the one list
// behind `drydock --version` and the About dialog.
std::vector<LibraryVersion> libraryVersionsWithQt(const std::string& qtRuntimeVersion,
                                                  const std::string& qtCompiledVersion);

// The text of `drydock --version`: the version line, the build line, then one line per library.
std::string versionReport(const BuildInfo& build, const std::vector<LibraryVersion>& libraries);

} // namespace drydock
