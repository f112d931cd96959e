#pragma once
#include "core/findings/Finding.h"

#include <vector>

namespace drydock {

// What changed between a baseline scan and a later one of the same endpoint.
struct ScanDelta
{
    std::vector<Finding> newFindings; // in the later scan only
    std::vector<Finding> resolved;    // in the baseline only
    std::size_t unchanged = 0;        // how many are in both (only ever counted, so not copied)

    // Matches by findingKey first; then, for what is left, by rule + object id + discriminator, so a renamed
    // container (same id) or changed evidence on the same object is "unchanged", not resolved-and-new.
    static ScanDelta compute(const std::vector<Finding>& baseline, const std::vector<Finding>& later);
    // The same over a baseline assembled from findings held elsewhere (no copies); order as in the vector form.
    static ScanDelta compute(const std::vector<const Finding*>& baseline, const std::vector<Finding>& later);
    int newAtOrAbove(Severity severity) const;
};

} // namespace drydock
