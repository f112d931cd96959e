#pragma once
#include "core/findings/FindingSet.h"

#include <string>

namespace drydock {

// One number from 0 (everything is on fire) to 100 (nothing open above info), explained in words.
// score = round(100 * K / (K + P)), where P weighs open findings (critical 20, high 8, medium 3, low 1,
// info 0) and K = 10 points of tolerance per scanned object, so a large estate with one low finding
// still scores near 100 while one critical container on a small machine pulls the score down hard.
struct PostureScore
{
    int score = 100;
    int penalty = 0;
    int tolerance = 0;

    static PostureScore compute(const FindingSet& findings, int objectCount);
    // The same from open counts by severity (index = Severity), as a stored scan's summary keeps them.
    static PostureScore fromCounts(const std::array<int, severityCount>& counts, int objectCount);
    static int weight(Severity severity);
    std::string grade() const; // "A" (>= 90) … "F" (< 40)
    static std::string explanation();
};

} // namespace drydock
