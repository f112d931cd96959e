#include "core/report/ReportTrend.h"

#include "core/results/PostureScore.h"

#include <algorithm>

namespace drydock {

std::vector<ScorePoint> storedScoreTrend(ScanRepository& scans, const std::string& endpoint, std::int64_t scanId,
                                         std::int64_t baselineScanId, int limit)
{
    // Newest first from the history; a baseline further back than the limit starts the line at the limit.
    auto listed = scans.list(endpoint, std::max(limit, 1) * 4);
    if (!listed) {
        return {};
    }
    std::vector<ScorePoint> points;
    for (const ScanSummary& s : listed.value()) {
        if ((scanId > 0 && s.id > scanId) || (baselineScanId > 0 && s.id < baselineScanId)) {
            continue;
        }
        points.push_back({s.id, s.startedAtUnix, PostureScore::fromCounts(s.counts, s.objects()).score});
        if (static_cast<int>(points.size()) == limit) {
            break;
        }
    }
    std::reverse(points.begin(), points.end());
    return points;
}

} // namespace drydock
