#pragma once
#include "core/report/ReportData.h"
#include "core/report/ReportFormat.h"
#include "core/results/FleetSummary.h"

#include <cstdint>
#include <string>

namespace drydock {

// The one dispatcher from a format to its writer, shared by `drydock scan`/`drydock report` and the GUI
// export. Every format but PDF, which needs Qt (ui/export/PdfExporter): callers send PDF there, and get
// nothing here. verbose is for the text format: evidence, CIS reference and fix under each finding.
std::string renderReport(ReportFormat format, const ReportData& data, bool verbose = false);

// The fleet view in text, JSON or HTML (fleetReportFormats() but PDF); nothing for the others.
std::string renderFleetReport(ReportFormat format, const FleetSummary& fleet, std::int64_t generatedAtUnix);

} // namespace drydock
