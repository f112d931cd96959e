#pragma once
#include "core/report/ReportData.h"

#include <string>

namespace drydock {

// One self-contained HTML file: inline CSS and SVG, no scripts, no external fetches, printable. Every
// value from the daemon is escaped and long values are cut. The print variant uses only the HTML subset
// Qt's text engine renders (tables, no SVG) and marks sections for the PDF's table of contents.
class HtmlReportWriter
{
public:
    enum class Variant
    {
        Browser,
        Print
    };
    static std::string write(const ReportData& data, Variant variant = Variant::Browser);
};

} // namespace drydock
