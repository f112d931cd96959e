#include "ui/export/FleetReportExport.h"

#include "core/common/AtomicFileWriter.h"
#include "core/common/Clock.h"
#include "core/report/ReportRenderer.h"
#include "ui/export/PdfExporter.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QUrl>

namespace drydock::ui {

Result<void> writeFleetReport(const FleetSummary& fleet, std::int64_t generatedAtUnix, const QString& path)
{
    // The suffix names the format; anything but .pdf and .json is HTML.
    constexpr ReportFormat byName[] = {ReportFormat::Pdf, ReportFormat::Json};
    const ReportFormat format = parseReportFormat(QFileInfo(path).suffix().toLower().toStdString(), byName)
                                    .valueOr(ReportFormat::Html);
    if (format == ReportFormat::Pdf) {
        return PdfExporter::writeFleet(fleet, generatedAtUnix, path);
    }
    return AtomicFileWriter::write(path.toStdString(), renderFleetReport(format, fleet, generatedAtUnix));
}

void exportFleetReport(QWidget* parent, const FleetSummary& fleet)
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/fleetFolder"), QDir::homePath()).toString();
    QString selected;
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export fleet report"), QDir(folder).filePath(QStringLiteral("drydock-fleet.pdf")),
        QObject::tr("PDF (*.pdf);;HTML (*.html);;JSON (*.json)"), &selected);
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += selected.contains(QLatin1String("*.json"))   ? QStringLiteral(".json")
                : selected.contains(QLatin1String("*.html")) ? QStringLiteral(".html")
                                                             : QStringLiteral(".pdf");
    }
    settings.setValue(QStringLiteral("export/fleetFolder"), QFileInfo(path).absolutePath());
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto written = writeFleetReport(fleet, SystemClock().nowUnix(), path);
    QApplication::restoreOverrideCursor();
    if (!written) {
        QMessageBox::warning(parent, QObject::tr("Export fleet report"), QString::fromStdString(written.error().message));
        return;
    }
    if (QMessageBox::question(parent, QObject::tr("Export fleet report"),
                              QObject::tr("Saved %1. Open it now?").arg(QDir::toNativeSeparators(path))) ==
        QMessageBox::Yes) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    }
}

} // namespace drydock::ui
