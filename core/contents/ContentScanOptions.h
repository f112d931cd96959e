#pragma once
#include "core/contents/ContentLimits.h"

#include <string>
#include <vector>

namespace drydock {

// What the user asked content analysis to do. It reads every layer of every image, so it only runs on
// request (`drydock scan --contents`).
struct ContentScanOptions
{
    bool enabled = false;
    std::vector<std::string> images;       // ids or names to analyse; empty = every image in the inventory
    std::string vulnDbPath;                // OSV directory or all.zip; empty = no built-in matching
    std::vector<std::string> trivyReports; // Trivy JSON reports to import
    std::vector<std::string> grypeReports; // Grype JSON reports to import
    bool runTrivy = false;                 // run `trivy image` for each image when installed
    bool runGrype = false;                 // run `grype` for each image when installed
    int externalTimeoutSeconds = 600;
    ContentLimits limits;
};

} // namespace drydock
