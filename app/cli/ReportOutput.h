#pragma once
#include "app/cli/ArgParser.h"
#include "core/cis/CisBenchmark.h"
#include "core/common/Result.h"
#include "core/report/ReportData.h"
#include "core/report/ReportFormat.h"
#include "core/results/FleetSummary.h"

#include <cstdint>

#include <optional>
#include <string>
#include <vector>

namespace drydock::app {

// One report to write: its format and where ("-" for standard output).
struct OutputRequest
{
    ReportFormat format;
    std::string path;
};

// Pairs every --format with the --output at the same position; a lone --format goes to stdout, no --format is
// text. nullopt with a sentence in error when the pairs do not match.
std::optional<std::vector<OutputRequest>> outputRequests(const ParsedArgs& args, std::string& error);

// Renders data in the format (core's renderReport; PDF through ui/export) and writes it (atomically) to path,
// "-" for standard output. Format names are parsed by parseReportFormat (core/report/ReportFormat.h).
Result<void> writeReport(ReportFormat format, const std::string& path, const ReportData& data, bool verbose);

// The scan JSON schema that --schema asks for (json::kScanJsonSchema without it), or a usage error: an unknown
// version, or --schema where no scan JSON is written (writesScanJson false: no --format json, or a fleet view).
// The deprecated version 1 prints a note saying so on stderr.
Result<int> scanJsonSchemaOption(const ParsedArgs& args, bool writesScanJson);

// How much an HTML or PDF report shows, from --detail (ReportDetail::Objects without it), or a usage error.
Result<ReportDetail> reportDetailOption(const ParsedArgs& args);

// The CIS Docker Benchmark version from --cis (kDefaultCisVersion without it), or a usage error naming the
// accepted versions.
Result<CisVersion> cisVersionOption(const ParsedArgs& args);

// A fleet view in one of fleetReportFormats(), written the same way.
Result<void> writeFleetReport(ReportFormat format, const std::string& path, const FleetSummary& fleet,
                              std::int64_t generatedAtUnix);

} // namespace drydock::app
