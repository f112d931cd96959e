#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/results/ScanResult.h"

#include <string>

namespace drydock {

// Plain-text renderings for terminals: a scan summary with one block per object, and inventory listings.
class TextReport
{
public:
    // CIS references are shown in version cis (the scan keeps the rules' own).
    static std::string scan(const ScanResult& result, bool verbose, CisVersion cis = kDefaultCisVersion);
    static std::string inventory(const Inventory& inventory);
};

} // namespace drydock
