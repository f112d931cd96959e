#pragma once
#include "core/model/Image.h"
#include "core/model/ImageContents.h"

#include <string>

namespace drydock::json {

// CycloneDX 1.5 JSON SBOM of one image's OS packages. serial is a UUID; timestamp RFC 3339.
std::string writeCycloneDx(const Image& image, const ImageContents& contents, const std::string& serialUuid,
                           const std::string& timestamp, const std::string& toolVersion);
// Packages of one image as JSON: {"image":…, "os":{…}, "packages":[{name, version, …}],
// "vulnerabilities":[…]}
std::string writePackagesJson(const Image& image, const ImageContents& contents);

} // namespace drydock::json
