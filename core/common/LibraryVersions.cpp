#include "core/common/LibraryVersions.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>

// libarchive may or may not be linked into core. A weak reference asks it for its version when it is
// there and reads as a null pointer when it is not, so this file needs no build switch.
extern "C" const char* archive_version_string(void) __attribute__((weak));

#ifndef DRYDOCK_BUILD_TYPE
#define DRYDOCK_BUILD_TYPE "unknown"
#endif

namespace drydock {

namespace {

// The version of the JSON library compiled in ("3.11.2"): it is header-only, so this is what runs.
std::string nlohmannJsonVersion()
{
    return std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
           std::to_string(NLOHMANN_JSON_VERSION_PATCH);
}

} // namespace

BuildInfo buildInfo()
{
    BuildInfo info;
    info.version = DRYDOCK_VERSION;
    info.buildType = std::string(DRYDOCK_BUILD_TYPE).empty() ? std::string("unknown") : DRYDOCK_BUILD_TYPE;
#if defined(__clang__)
    info.compiler = std::string("Clang ") + __clang_version__;
#elif defined(__GNUC__)
    info.compiler = "GCC " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
                    std::to_string(__GNUC_PATCHLEVEL__);
#else
    info.compiler = "unknown compiler";
#endif
    return info;
}

std::vector<LibraryVersion> coreLibraryVersions()
{
    std::vector<LibraryVersion> libs;

    const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
    LibraryVersion curlLib{"libcurl", curl && curl->version ? curl->version : "", "", "curl",
                           "https://curl.se/docs/copyright.html"};
    if (curl && curl->ssl_version) {
        curlLib.detail = curl->ssl_version;
    }
    libs.push_back(std::move(curlLib));

    libs.push_back({"SQLite", sqlite3_libversion(), "", "blessing (public domain)",
                    "https://sqlite.org/copyright.html"});

    libs.push_back(
        {"nlohmann/json", nlohmannJsonVersion(), "header-only", "MIT", "https://github.com/nlohmann/json"});

    LibraryVersion archive{"libarchive", "", "", "BSD-2-Clause", "https://libarchive.org"};
    if (archive_version_string != nullptr) {
        // "libarchive 3.6.2" -> "3.6.2"
        std::string text = archive_version_string();
        const std::string prefix = "libarchive ";
        archive.version = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
    }
    libs.push_back(std::move(archive));
    return libs;
}

std::vector<LibraryVersion> libraryVersionsWithQt(const std::string& qtRuntimeVersion,
                                                  const std::string& qtCompiledVersion)
{
    // Qt Charts is offered under the GPL only (no LGPL), which is why the Qt entry names it.
    std::vector<LibraryVersion> libs{{"Qt", qtRuntimeVersion, "built with " + qtCompiledVersion,
                                      "LGPL-3.0-only; Qt Charts: GPL-3.0-only",
                                      "https://doc.qt.io/qt-6/licensing.html"}};
    for (auto& lib : coreLibraryVersions()) {
        libs.push_back(std::move(lib));
    }
    return libs;
}

std::string versionReport(const BuildInfo& build, const std::vector<LibraryVersion>& libraries)
{
    std::string text = "drydock " + build.version + "\n";
    text += "build: " + build.buildType + ", " + build.compiler + "\n";
    text += "libraries in use:\n";
    std::size_t nameWidth = 0;
    std::size_t versionWidth = 0;
    for (const auto& lib : libraries) {
        nameWidth = std::max(nameWidth, lib.name.size());
        versionWidth =
            std::max(versionWidth, lib.used() ? lib.version.size() : std::string("not used").size());
    }
    for (const auto& lib : libraries) {
        std::string line = "  " + lib.name + std::string(nameWidth - lib.name.size() + 2, ' ');
        const std::string version = lib.used() ? lib.version : "not used";
        line += version;
        if (lib.used()) {
            line += std::string(versionWidth - version.size() + 2, ' ') + lib.licence;
            if (!lib.detail.empty()) {
                line += " (" + lib.detail + ")";
            }
        }
        text += line + "\n";
    }
    return text;
}

} // namespace drydock
