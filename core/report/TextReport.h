#pragma once
#include "core/results/ScanResult.h"

#include <string>

namespace drydock {

// Plain-text renderings for terminals: a scan summary with one block per object, and inventory listings.
class TextReport
{
public:
    static std::string scan(const ScanResult& result, bool verbose);
    static std::string inventory(const Inventory& inventory);
};

} // namespace drydock
