#pragma once
#include "core/common/Result.h"
#include "core/report/ReportData.h"
#include "core/results/FleetSummary.h"

#include <cstdint>

#include <string>

namespace drydock::app {

// The formats every command that writes a report accepts.
bool isReportFormat(const std::string& format); // text json html pdf sarif csv
// Renders data in the format and writes it (atomically) to path, "-" for standard output.
Result<void> writeReport(const std::string& format, const std::string& path, const ReportData& data, bool verbose);

// The formats a fleet view can be written in, and writing one (text, json, html, pdf), the same way.
bool isFleetReportFormat(const std::string& format);
Result<void> writeFleetReport(const std::string& format, const std::string& path, const FleetSummary& fleet,
                              std::int64_t generatedAtUnix);

} // namespace drydock::app
