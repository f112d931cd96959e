#pragma once
#include "core/results/FleetSummary.h"
#include "core/store/FleetTrend.h"

#include <cstdint>
#include <string>

namespace drydock::json {

// The documented JSON of a fleet scan (`drydock scan --host A --host B --format json`, schemaVersion 1):
// { "schemaVersion": 1, "kind": "fleet", "generatedAt",
//   "summary": { "endpoints", "reachable", "unreachable", "critical", "high", "medium", "low", "info" },
//   "endpoints": [ { "name", "endpoint", "status": "ok" | "unreachable", "error": null | "why",
//                    "scanId": null | n, "durationMs", "engineVersion", "objects",
//                    "posture": null | { "score", "grade" },
//                    "open": { "critical", "high", "medium", "low", "info" }, "waived",
//                    "sinceLast": null | { "baselineScanId", "new", "resolved" } } ],
//   "worstFindings": [ { "endpoint" (its name), "ruleId", "area", "severity",
//                        "object": { "type", "id", "name" }, "title", "evidence" } ] }
// Endpoints are in the order they were given. Evidence arrives masked from the rules.
std::string fleetToJson(const FleetSummary& summary, std::int64_t generatedAtUnix, int indent = 2);

// `drydock history trend --fleet --format json`:
// { "endpoints": ["unix:///…", …], "trend": [ { "day": "2026-11-29", "endpoints": n,
//   "counts": { "critical", "high", "medium", "low", "info" } } ] }
std::string fleetTrendToJson(const std::vector<FleetTrendPoint>& points,
                             const std::vector<std::string>& endpoints);

} // namespace drydock::json
