#pragma once
#include "core/common/Result.h"

#include <span>
#include <string>
#include <string_view>

namespace drydock {

// The report formats a person or a tool can ask for, by the one list of names every front end parses. PDF is
// listed so the names cover it, but only ui/export (Qt PrintSupport) renders it; renderReport does the rest.
enum class ReportFormat
{
    Html,
    Pdf,
    Json,
    Sarif,
    Csv,
    Text
};
const char* toString(ReportFormat format);      // the name on the command line: "html", "pdf", …, "text"
const char* fileExtension(ReportFormat format); // "html", "pdf", "json", "sarif", "csv", "txt"

// The formats of a scan report, in the order help texts and errors list them: text json html pdf sarif csv.
std::span<const ReportFormat> scanReportFormats();
// The formats of a fleet view (every endpoint side by side): text json html pdf.
std::span<const ReportFormat> fleetReportFormats();
bool isOneOf(ReportFormat format, std::span<const ReportFormat> formats);
// The names as a sentence lists them: "text, json, html or pdf".
std::string formatNames(std::span<const ReportFormat> formats);

// The format called name, among accepted; otherwise an InvalidArgument error that lists the accepted names:
// "unknown format 'docx' (use text, json, html, pdf, sarif or csv)".
Result<ReportFormat> parseReportFormat(std::string_view name,
                                       std::span<const ReportFormat> accepted = scanReportFormats());

} // namespace drydock
