#pragma once
#include "core/report/ReportData.h"

#include <string>

namespace drydock {

// One row per finding (RFC 4180). Cells that a spreadsheet would run as a formula (starting with = + - @,
// tab or carriage return) are neutralised with a leading apostrophe.
class CsvReportWriter
{
public:
    static std::string write(const ReportData& data);
    static std::string cell(const std::string& text);
};

} // namespace drydock
