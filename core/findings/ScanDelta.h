#pragma once
#include "core/findings/Finding.h"

#include <vector>

namespace drydock {

// What changed between a baseline scan and a later one of the same endpoint.
struct ScanDelta
{
    std::vector<Finding> newFindings; // in the later scan only
    std::vector<Finding> resolved;    // in the baseline only
    std::vector<Finding> unchanged;   // in both (the later scan's copy)

    // Matches by findingKey first; then, for what is left, by rule + object id + discriminator, so a renamed
    // container (same id) or changed evidence on the same object is "unchanged", not resolved-and-new.
    static ScanDelta compute(const std::vector<Finding>& baseline, const std::vector<Finding>& later);
    int newAtOrAbove(Severity severity) const;
};

} // namespace drydock
