#pragma once
#include "core/common/Result.h"
#include "core/findings/Alert.h"
#include "core/findings/ScanDelta.h"
#include "core/findings/Waiver.h"
#include "core/store/ScanRepository.h"

#include <string>
#include <vector>

namespace drydock::json {

// JSON for `drydock history … --format json` and the team-shareable waiver file.
std::string scanListToJson(const std::vector<ScanSummary>& scans);
std::string storedScanToJson(const StoredScan& scan);
std::string deltaToJson(const ScanSummary& baseline, const ScanSummary& later, const ScanDelta& delta);
std::string trendToJson(const std::vector<TrendPoint>& points);
// {"alerts": [{"id", "at" (RFC 3339), "endpoint", "objectType", "objectId", "object", "rules": [...],
//   "severity", "sentence"}]}, oldest first
std::string alertsToJson(const std::vector<Alert>& alerts);

// {"drydockWaivers": 1, "waivers": [{"scope", "ruleId", "object", "reason", "author", "createdAt",
//   "expiresAt" (RFC 3339 or null), "endpoint"}]}
std::string waiversToJson(const std::vector<Waiver>& waivers);
Result<std::vector<Waiver>> waiversFromJson(std::string_view text);

} // namespace drydock::json
