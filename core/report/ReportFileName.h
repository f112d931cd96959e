#pragma once
#include "core/report/ReportFormat.h"
#include "core/scan/Scanner.h"

#include <cstdint>
#include <string>

namespace drydock {

// A file name that says what the report is: drydock-<endpoint host>-<yyyymmdd-hhmm>[-scan<N>].<ext>, made of
// characters every file system accepts.
std::string defaultReportFileName(const ScanResult& scan, std::int64_t scanId, ReportFormat format);

} // namespace drydock
