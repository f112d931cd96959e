#pragma once
#include "core/model/ImageContents.h"

#include <string_view>
#include <vector>

namespace drydock {

// Reads the OS package databases and os-release kept by the LayerReader.
namespace packages {

// /var/lib/dpkg/status (only packages whose Status ends in "installed") and distroless status.d files.
std::vector<InstalledPackage> parseDpkgStatus(std::string_view text, bool requireInstalledStatus = true);
// /lib/apk/db/installed: blank-line separated records of "X:value" lines.
std::vector<InstalledPackage> parseApkInstalled(std::string_view text);
// KEY=value lines, values optionally quoted.
OsRelease parseOsRelease(std::string_view text);

// Fills contents.os and contents.packages from contents.files, and notes what could not be read.
void collect(ImageContents& contents);

// OSV ecosystem of an OS release: "Debian:12", "Alpine:v3.19", "Ubuntu:22.04"; empty when unknown.
std::string osvEcosystem(const OsRelease& os);

} // namespace packages
} // namespace drydock
