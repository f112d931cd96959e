#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/ImageContents.h"
#include "core/model/Inventory.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// What one scan of one endpoint produced: when it ran, what it saw, what it found. The value every output
// (history, reports, GUI) reads; it knows nothing of the engine that made it.
struct ScanResult
{
    std::int64_t startedAtUnix = 0;
    std::int64_t finishedAtUnix = 0;
    Inventory inventory;
    FindingSet findings;
    std::string catalogueVersion;
    // What content analysis found inside each analysed image (empty unless it was asked for).
    std::vector<ImageContents> imageContents;
};

} // namespace drydock
