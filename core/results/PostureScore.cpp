#include "core/results/PostureScore.h"

#include <algorithm>
#include <cmath>

namespace drydock {

int PostureScore::weight(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return 20;
    case Severity::High: return 8;
    case Severity::Medium: return 3;
    case Severity::Low: return 1;
    case Severity::Info: return 0;
    }
    return 0;
}

PostureScore PostureScore::compute(const FindingSet& findings, int objectCount)
{
    return fromCounts(findings.countsBySeverity(), objectCount);
}

PostureScore PostureScore::fromCounts(const std::array<int, severityCount>& counts, int objectCount)
{
    PostureScore s;
    for (int i = 0; i < severityCount; ++i) {
        s.penalty += counts[static_cast<std::size_t>(i)] * weight(static_cast<Severity>(i));
    }
    s.tolerance = 10 * std::max(1, objectCount);
    s.score = static_cast<int>(std::lround(100.0 * s.tolerance / (s.tolerance + s.penalty)));
    return s;
}

std::string PostureScore::grade() const
{
    if (score >= 90) {
        return "A";
    }
    if (score >= 75) {
        return "B";
    }
    if (score >= 60) {
        return "C";
    }
    if (score >= 40) {
        return "D";
    }
    return "F";
}

std::string PostureScore::explanation()
{
    return "Score = 100 x K / (K + P). P adds up the open findings: critical 20, high 8, medium 3, low 1, info 0. "
           "K allows 10 points per scanned container, image, network and volume. Waived findings do not count.";
}

} // namespace drydock
