#include "core/report/ReportFormat.h"

#include <algorithm>
#include <array>

namespace drydock {

namespace {

// The one table of format names: what a person types, and what a file of that format ends in.
struct FormatName
{
    ReportFormat format;
    const char* name;
    const char* extension;
};
constexpr std::array<FormatName, 6> kNames{{{ReportFormat::Text, "text", "txt"},
                                            {ReportFormat::Json, "json", "json"},
                                            {ReportFormat::Html, "html", "html"},
                                            {ReportFormat::Pdf, "pdf", "pdf"},
                                            {ReportFormat::Sarif, "sarif", "sarif"},
                                            {ReportFormat::Csv, "csv", "csv"}}};

constexpr std::array<ReportFormat, 6> kScanFormats{ReportFormat::Text,  ReportFormat::Json,
                                                   ReportFormat::Html,  ReportFormat::Pdf,
                                                   ReportFormat::Sarif, ReportFormat::Csv};
constexpr std::array<ReportFormat, 4> kFleetFormats{ReportFormat::Text, ReportFormat::Json,
                                                    ReportFormat::Html, ReportFormat::Pdf};

const FormatName& entry(ReportFormat format)
{
    const auto it =
        std::find_if(kNames.begin(), kNames.end(), [&](const FormatName& n) { return n.format == format; });
    return it != kNames.end() ? *it : kNames[2];
}

} // namespace

const char* toString(ReportFormat format)
{
    return entry(format).name;
}

const char* fileExtension(ReportFormat format)
{
    return entry(format).extension;
}

std::span<const ReportFormat> scanReportFormats()
{
    return kScanFormats;
}

std::span<const ReportFormat> fleetReportFormats()
{
    return kFleetFormats;
}

bool isOneOf(ReportFormat format, std::span<const ReportFormat> formats)
{
    return std::find(formats.begin(), formats.end(), format) != formats.end();
}

std::string formatNames(std::span<const ReportFormat> formats)
{
    std::string out;
    for (std::size_t i = 0; i < formats.size(); ++i) {
        out += i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ";
        out += toString(formats[i]);
    }
    return out;
}

Result<ReportFormat> parseReportFormat(std::string_view name, std::span<const ReportFormat> accepted)
{
    for (const ReportFormat format : accepted) {
        if (name == toString(format)) {
            return format;
        }
    }
    return Error::make(ErrorCode::InvalidArgument,
                       "unknown format '" + std::string(name) + "' (use " + formatNames(accepted) + ")");
}

} // namespace drydock
