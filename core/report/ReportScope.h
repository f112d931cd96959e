#pragma once
#include "core/findings/Finding.h"
#include "core/scan/Scanner.h"

#include <functional>

namespace drydock {

// A copy of scan's metadata with only the findings keep() accepts: a report of a filter or of some objects
// counts what it shows, never the whole scan.
ScanResult scopedScan(const ScanResult& scan, const std::function<bool(const Finding&)>& keep);

} // namespace drydock
