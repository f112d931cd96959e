#pragma once
#include "core/report/ReportData.h"
#include "core/store/ScanRepository.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// The posture scores of an endpoint's stored scans for the summary's sparkline, oldest first: from the baseline
// scan (or, without one, the last `limit` scans) up to and including scanId. Empty when the history cannot be
// read: a report without its trend is still a report.
std::vector<ScorePoint> storedScoreTrend(ScanRepository& scans, const std::string& endpoint, std::int64_t scanId,
                                         std::int64_t baselineScanId = 0, int limit = 30);

} // namespace drydock
