#pragma once
#include "core/common/Result.h"
#include "core/store/ScanRepository.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace drydock {

// Open findings per day across every endpoint of the history: each endpoint counts with its latest scan
// on or before that day (an endpoint scanned weekly still counts on the days between), so the fleet line
// does not dip on days when only some endpoints were scanned.
struct FleetTrendPoint
{
    std::int64_t dayStartUnix = 0;
    std::array<int, severityCount> counts{}; // summed over the endpoints known by that day
    int endpoints = 0;                       // how many endpoints contribute
};

// Combines the endpoints' daily trends into one fleet trend.
struct FleetTrend
{
    // Pure: per-endpoint daily points (ScanRepository::trend) in, fleet points out, one per day that any
    // endpoint has a point, oldest first.
    static std::vector<FleetTrendPoint>
    combine(const std::map<std::string, std::vector<TrendPoint>>& perEndpoint);
    // Reads the per-endpoint trends of every endpoint scanned since sinceUnix and combines them.
    static Result<std::vector<FleetTrendPoint>> load(ScanRepository& scans, std::int64_t sinceUnix,
                                                     std::vector<std::string>* endpointsOut = nullptr);
};

} // namespace drydock
