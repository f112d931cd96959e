#include "app/cli/ReportOutput.h"

#include "app/cli/OutputFile.h"
#include "core/common/VisibleText.h"
#include "core/report/ReportRenderer.h"
#include "core/report/ScanJson.h"

#include <cstdio>

#ifdef DRYDOCK_WITH_GUI
#include "ui/export/PdfExporter.h"
#include <QGuiApplication>
#endif

namespace drydock::app {

namespace {

#ifdef DRYDOCK_WITH_GUI
// PDF rendering needs a Qt application; headless commands get one on the offscreen platform, made once and
// deliberately never destroyed: a QGuiApplication destroyed by exit-time static destructors runs after Qt's
// own statics are gone and crashes (exit status 139 after a complete PDF). It stays reachable, so it is no leak.
void ensureGuiApplication()
{
    if (!QGuiApplication::instance()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "drydock";
        static char* argv[] = {name, nullptr};
        static QGuiApplication* app = new QGuiApplication(argc, argv);
        Q_UNUSED(app);
    }
}
#endif

// A PDF wants a file (not standard output) and Qt's offscreen application; a build without Qt has none.
Result<void> preparePdf(const std::string& path)
{
#ifdef DRYDOCK_WITH_GUI
    if (path.empty() || path == "-") {
        return Error::make(ErrorCode::InvalidArgument, "A PDF needs --output FILE.");
    }
    ensureGuiApplication();
    return success();
#else
    (void)path;
    return Error::make(ErrorCode::InvalidArgument, "This build has no Qt, so it cannot write PDF.");
#endif
}

} // namespace

Result<void> writeReport(ReportFormat format, const std::string& path, const ReportData& data, bool verbose)
{
    if (format == ReportFormat::Pdf) {
        if (auto ready = preparePdf(path); !ready) {
            return ready;
        }
#ifdef DRYDOCK_WITH_GUI
        return ui::PdfExporter::write(data, QString::fromStdString(path));
#endif
    }
    return writeOutput(path, renderReport(format, data, verbose));
}

Result<int> scanJsonSchemaOption(const ParsedArgs& args, bool writesScanJson)
{
    const auto asked = args.last("--schema");
    if (!asked) {
        return json::kScanJsonSchema;
    }
    if (!writesScanJson) {
        return Error::make(ErrorCode::InvalidArgument,
                           "--schema chooses the schema of a scan's JSON: give it with --format json (a fleet "
                           "view and the other formats have one shape)");
    }
    auto version = json::parseScanJsonSchema(*asked);
    if (version && *version == json::kScanJsonSchemaDeprecated) {
        std::fprintf(stderr, "drydock: note: JSON schemaVersion 1 is deprecated and goes away in the next release; "
                             "move readers to schemaVersion 2 (remediation once per object, see README)\n");
    }
    return version;
}

Result<ReportDetail> reportDetailOption(const ParsedArgs& args)
{
    const auto asked = args.last("--detail");
    return asked ? parseReportDetail(*asked) : Result<ReportDetail>(ReportDetail::Objects);
}

Result<CisVersion> cisVersionOption(const ParsedArgs& args)
{
    const auto asked = args.last("--cis");
    if (!asked) {
        return kDefaultCisVersion;
    }
    if (const auto version = cisVersionFromString(*asked)) {
        return *version;
    }
    return Error::make(ErrorCode::InvalidArgument, "unknown CIS Docker Benchmark version '" +
                                                       visibleText(asked->substr(0, 40)) + "' (use " +
                                                       cisVersionList() + "; the default is " +
                                                       toString(kDefaultCisVersion) + ")");
}

Result<void> writeFleetReport(ReportFormat format, const std::string& path, const FleetSummary& fleet,
                              std::int64_t generatedAtUnix)
{
    if (format == ReportFormat::Pdf) {
        if (auto ready = preparePdf(path); !ready) {
            return ready;
        }
#ifdef DRYDOCK_WITH_GUI
        return ui::PdfExporter::writeFleet(fleet, generatedAtUnix, QString::fromStdString(path));
#endif
    }
    return writeOutput(path, renderFleetReport(format, fleet, generatedAtUnix));
}

std::optional<std::vector<OutputRequest>> outputRequests(const ParsedArgs& args, std::string& error)
{
    const auto formats = args.all("--format");
    const auto outputs = args.all("--output");
    std::vector<OutputRequest> requests;
    if (formats.empty()) {
        requests.push_back({ReportFormat::Text, outputs.empty() ? "-" : outputs.front()});
        if (outputs.size() > 1) {
            error = "several --output need one --format each";
            return std::nullopt;
        }
        return requests;
    }
    if (outputs.size() > formats.size() || (formats.size() > 1 && outputs.size() != formats.size())) {
        error = "give one --output per --format when writing several formats";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < formats.size(); ++i) {
        const auto format = parseReportFormat(formats[i]);
        if (!format) {
            error = format.error().message;
            return std::nullopt;
        }
        requests.push_back({*format, i < outputs.size() ? outputs[i] : "-"});
    }
    return requests;
}

} // namespace drydock::app
