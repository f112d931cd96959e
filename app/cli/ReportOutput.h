#pragma once
#include "core/common/Result.h"
#include "core/report/ReportData.h"

#include <string>

namespace drydock::app {

// The formats every command that writes a report accepts.
bool isReportFormat(const std::string& format); // text json html pdf sarif csv
// Renders data in the format and writes it (atomically) to path, "-" for standard output.
Result<void> writeReport(const std::string& format, const std::string& path, const ReportData& data, bool verbose);

} // namespace drydock::app
