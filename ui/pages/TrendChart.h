#pragma once
#include "core/common/Severity.h"
#include "core/store/FleetTrend.h"
#include "core/store/ScanRepository.h"

#include <QDate>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

class QChart;

namespace drydock::ui {

// One day of the trend chart: a calendar day here (local time) and its open findings by severity.
struct TrendDay
{
    QDate day;
    std::array<int, severityCount> counts{};
};

// The stored trend groups scans by UTC day; a person reads days in their own time zone. Each point moves to
// the local day its scan was taken on (scan times from the history list, scan id → start), else to the UTC
// day it stands for; when two points land on one local day the later scan stands for it.
std::vector<TrendDay> localTrendDays(const std::vector<TrendPoint>& trend,
                                     const std::map<std::int64_t, std::int64_t>& scanStartById);
// The fleet trend has no scan times: each point keeps the UTC day it stands for.
std::vector<TrendDay> fleetTrendDays(const std::vector<FleetTrendPoint>& trend);

// Open findings per day by severity (critical to low). Every day is drawn at noon of its date and the ticks
// fall on noons a whole number of days apart, so each point sits on the tick labelled with its own date — a
// single scan included — whatever the time of day it was taken and whatever the time zone.
QChart* trendChart(const std::vector<TrendDay>& days, QDate today);

} // namespace drydock::ui
