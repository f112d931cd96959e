#pragma once
#include "core/report/ReportData.h"
#include "core/store/ScanRepository.h"

#include <functional>
#include <string>
#include <vector>

namespace drydock {

// The report formats a person or a tool can ask for.
enum class ReportFormat
{
    Html,
    Pdf,
    Json,
    Sarif,
    Csv
};
const char* toString(ReportFormat format);      // "html", "pdf", …
const char* fileExtension(ReportFormat format); // "html", "pdf", "json", "sarif", "csv"

// The bytes of a report in every format but PDF (which needs Qt: ui/export/PdfExporter).
std::string renderReport(ReportFormat format, const ReportData& data);

// A stored scan as a ScanResult a report can show: findings and the summary's metadata, no inventory (the
// history keeps none), findings sorted as a live scan sorts them.
ScanResult scanFromStored(const StoredScan& stored);

// A copy of scan's metadata with only the findings keep() accepts: a report of a filter or of some objects
// counts what it shows, never the whole scan.
ScanResult scopedScan(const ScanResult& scan, const std::function<bool(const Finding&)>& keep);

// A file name that says what the report is: drydock-<endpoint host>-<yyyymmdd-hhmm>[-scan<N>].<ext>, made of
// characters every file system accepts.
std::string defaultReportFileName(const ScanResult& scan, std::int64_t scanId, ReportFormat format);

} // namespace drydock
