#include "app/cli/ReportOutput.h"

#include "app/cli/OutputFile.h"
#include "core/json/SarifJson.h"
#include "core/json/ScanJson.h"
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/TextReport.h"

#ifdef DRYDOCK_WITH_GUI
#include "ui/export/PdfExporter.h"
#include <QGuiApplication>
#include <memory>
#endif

namespace drydock::app {

namespace {

#ifdef DRYDOCK_WITH_GUI
// PDF rendering needs a Qt application; headless commands get one on the offscreen platform, made once.
void ensureGuiApplication()
{
    static std::unique_ptr<QGuiApplication> app;
    if (!QGuiApplication::instance()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "drydock";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
}
#endif

} // namespace

bool isReportFormat(const std::string& f)
{
    return f == "text" || f == "json" || f == "html" || f == "pdf" || f == "sarif" || f == "csv";
}

Result<void> writeReport(const std::string& format, const std::string& path, const ReportData& data, bool verbose)
{
    if (format == "pdf") {
#ifdef DRYDOCK_WITH_GUI
        if (path.empty() || path == "-") {
            return Error::make(ErrorCode::InvalidArgument, "A PDF needs --output FILE.");
        }
        ensureGuiApplication();
        return ui::PdfExporter::write(data, QString::fromStdString(path));
#else
        return Error::make(ErrorCode::InvalidArgument, "This build has no Qt, so it cannot write PDF.");
#endif
    }
    std::string text;
    if (format == "json") {
        text = json::scanToJson(data);
    } else if (format == "html") {
        text = HtmlReportWriter::write(data);
    } else if (format == "sarif") {
        text = json::scanToSarif(data);
    } else if (format == "csv") {
        text = CsvReportWriter::write(data);
    } else {
        text = TextReport::scan(*data.scan, verbose);
    }
    return writeOutput(path, text);
}

} // namespace drydock::app
