#include "core/report/ReportRenderer.h"

#include "core/report/CsvReportWriter.h"
#include "core/report/FleetHtmlReport.h"
#include "core/report/FleetJson.h"
#include "core/report/FleetTextReport.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/report/TextReport.h"

namespace drydock {

std::string renderReport(ReportFormat format, const ReportData& data, bool verbose)
{
    switch (format) {
    case ReportFormat::Text:
        return TextReport::scan(*data.scan, verbose, data.cisVersion);
    case ReportFormat::Html:
        return HtmlReportWriter::write(data);
    case ReportFormat::Json:
        return json::scanToJson(data);
    case ReportFormat::Sarif:
        return json::scanToSarif(data);
    case ReportFormat::Csv:
        return CsvReportWriter::write(data);
    case ReportFormat::Pdf:
        break;
    }
    return {};
}

std::string renderFleetReport(ReportFormat format, const FleetSummary& fleet, std::int64_t generatedAtUnix)
{
    switch (format) {
    case ReportFormat::Text:
        return FleetTextReport::render(fleet);
    case ReportFormat::Json:
        return json::fleetToJson(fleet, generatedAtUnix);
    case ReportFormat::Html:
        return FleetHtmlReport::render(fleet, generatedAtUnix);
    case ReportFormat::Pdf:
    case ReportFormat::Sarif:
    case ReportFormat::Csv:
        break;
    }
    return {};
}

} // namespace drydock
