#include "ui/bridge/ExportController.h"

#include "core/common/AtomicFileWriter.h"
#include "core/report/ReportRenderer.h"
#include "core/report/ReportTrend.h"
#include "core/report/ScanFromStored.h"
#include "core/store/HistoryStore.h"
#include "ui/export/PdfExporter.h"

#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent>

namespace drydock::ui {

namespace {

ExportOutcome failure(const QString& text)
{
    return {QString(), text, false};
}
ExportOutcome cancelledOutcome()
{
    return {QString(), QString(), true};
}

QString writeProblem(const QString& path, const QString& why)
{
    return QObject::tr("Cannot write %1: %2. Choose a folder you can write to.").arg(path, why);
}

} // namespace

ExportController::ExportController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ExportOutcome>();
    connect(&m_watcher, &QFutureWatcher<ExportOutcome>::finished, this, [this] {
        m_running = false;
        emit finished(m_watcher.result());
    });
}

ExportController::~ExportController()
{
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

ExportOutcome ExportController::run(const ExportRequest& request, const CancelToken& cancel,
                                    const std::function<void(int, int)>& progress)
{
    const auto report = [&](int done, int total) {
        if (progress) {
            progress(done, total);
        }
    };
    if (request.path.isEmpty()) {
        return failure(QObject::tr("Choose a file to write the report to."));
    }
    const QFileInfo target(request.path);
    if (target.isDir()) {
        return failure(writeProblem(request.path, QObject::tr("it is a folder")));
    }
    if (!target.absoluteDir().exists()) {
        return failure(writeProblem(request.path,
                                    QObject::tr("the folder %1 does not exist").arg(target.absolutePath())));
    }

    // The scan: in memory, or read back from the history with its baseline.
    std::shared_ptr<const ScanResult> scan = request.scan;
    std::optional<ScanDelta> delta = request.delta;
    qint64 baselineId = request.baselineScanId;
    qint64 scanId = request.scanId;
    int objectCount = request.objectCount;
    if (!scan) {
        auto store = HistoryStore::open(request.databasePath.toStdString());
        if (!store) {
            return failure(QString::fromStdString(store.error().message));
        }
        auto stored = store.value()->scans().load(request.storedScanId);
        if (!stored) {
            return failure(QString::fromStdString(stored.error().message));
        }
        scan = std::make_shared<const ScanResult>(scanFromStored(stored.value()));
        scanId = request.storedScanId;
        objectCount = stored->summary.objects();
        auto previous = store.value()->scans().latest(stored->summary.endpoint, scanId);
        if (previous && previous.value()) {
            if (auto d = store.value()->scans().delta(*previous.value(), scanId)) {
                delta = std::move(d.value());
                baselineId = *previous.value();
            }
        }
    }
    if (cancel.isCancelled()) {
        return cancelledOutcome();
    }

    ReportData data;
    data.scan = scan.get();
    data.catalogue = request.catalogue;
    data.scanId = scanId;
    data.objectCount = objectCount;
    data.delta = delta;
    data.baselineScanId = baselineId;
    data.includeWaived = request.includeWaived;
    data.includeRemediation = request.includeRemediation;
    data.detail = request.detail;
    data.cisVersion = request.cisVersion;
    // The summary's trend since the baseline, from the history when the dialog gave one (a stored scan, or the
    // last scan of the daemon once recorded).
    if (!request.databasePath.isEmpty() && scanId > 0 &&
        (request.format == ReportFormat::Html || request.format == ReportFormat::Pdf)) {
        if (auto store = HistoryStore::open(request.databasePath.toStdString())) {
            data.scoreTrend = storedScoreTrend(store.value()->scans(), scan->inventory.endpoint, scanId, baselineId);
        }
    }

    if (request.format == ReportFormat::Pdf) {
        auto written = PdfExporter::write(data, request.path, [&](int done, int total) {
            report(done, total);
            return !cancel.isCancelled();
        });
        if (!written) {
            if (written.error().code == ErrorCode::Cancelled) {
                return cancelledOutcome();
            }
            return failure(QString::fromStdString(written.error().message));
        }
        return {request.path, QString(), false};
    }

    report(0, 3);
    const std::string bytes = renderReport(request.format, data);
    report(1, 3);
    if (cancel.isCancelled()) {
        return cancelledOutcome();
    }
    // AtomicFileWriter writes a new 0600 temporary file beside the target (never following a symlink) and
    // renames it on commit; returning without commit removes it.
    auto file = AtomicFileWriter::begin(request.path.toStdString());
    if (!file) {
        return failure(QString::fromStdString(file.error().message));
    }
    constexpr std::size_t chunk = 1 << 20;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        if (cancel.isCancelled()) {
            return cancelledOutcome();
        }
        if (auto ok = file->append(std::string_view(bytes).substr(at, chunk)); !ok) {
            return failure(QString::fromStdString(ok.error().message));
        }
    }
    report(2, 3);
    if (cancel.isCancelled()) {
        return cancelledOutcome();
    }
    if (auto ok = file->commit(); !ok) {
        return failure(QString::fromStdString(ok.error().message));
    }
    report(3, 3);
    return {request.path, QString(), false};
}

void ExportController::start(const ExportRequest& request)
{
    if (isRunning()) {
        return;
    }
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    QPointer<ExportController> self(this);
    const auto forward = [self](int done, int total) {
        QMetaObject::invokeMethod(
            self,
            [self, done, total] {
                if (self) {
                    emit self->progress(done, total);
                }
            },
            Qt::QueuedConnection);
    };
    m_running = true;
    emit started();
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, [request, cancel, forward] { return run(request, cancel, forward); }));
}

void ExportController::cancel()
{
    m_cancel.cancel();
}

} // namespace drydock::ui
