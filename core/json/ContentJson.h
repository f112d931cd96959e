#pragma once
#include "core/common/Result.h"
#include "core/model/Advisory.h"
#include "core/model/ImageContents.h"

#include <string_view>

namespace drydock::json {

// manifest.json of a saved image (docker save): one item per image in the archive.
struct SavedImageManifest
{
    std::string config; // member name of the image config ("<id>.json" or "blobs/sha256/<hex>")
    StringList layers;  // member names of the layer tars, bottom first
    StringList repoTags;
};
Result<std::vector<SavedImageManifest>> parseSavedImageManifest(std::string_view body);

// What an image config says about its layers: DiffIDs and the history line of every non-empty layer.
struct ImageConfigLayers
{
    StringList diffIds;
    StringList layerCommands; // same order as diffIds when the history is complete; else empty
};
Result<ImageConfigLayers> parseImageConfigLayers(std::string_view body);

// One OSV advisory (https://ossf.github.io/osv-schema/).
Result<Advisory> parseOsvAdvisory(std::string_view body);

// Reports of other scanners mapped to Drydock's vulnerability values. artifact receives the image the
// report is about (Trivy ArtifactName, Grype source.target.userInput / imageID) so it can be matched.
struct ScannerReport
{
    std::string artifact;
    std::string artifactId; // image id when the report gives one
    std::vector<Vulnerability> vulnerabilities;
};
Result<ScannerReport> parseTrivyReport(std::string_view body);
Result<ScannerReport> parseGrypeReport(std::string_view body);

} // namespace drydock::json
