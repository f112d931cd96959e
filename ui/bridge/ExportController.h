#pragma once
#include "core/common/CancelToken.h"
#include "core/report/ReportData.h"
#include "core/report/ReportFormat.h"
#include "core/rules/RuleCatalogue.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace drydock::ui {

// What to export: a scan in memory (already scoped by the caller), or a stored scan read from the history
// on the worker thread.
struct ExportRequest
{
    ReportFormat format = ReportFormat::Html;
    QString path;
    bool includeWaived = true;
    bool includeRemediation = true;
    ReportDetail detail = ReportDetail::Objects; // how much HTML and PDF show
    CisVersion cisVersion = kDefaultCisVersion;  // the View menu's CIS Benchmark version
    const RuleCatalogue* catalogue = nullptr;
    std::shared_ptr<const ScanResult> scan; // null: load storedScanId from databasePath
    qint64 scanId = 0;
    int objectCount = -1;
    std::optional<ScanDelta> delta;
    qint64 baselineScanId = 0;
    qint64 storedScanId = 0;
    QString databasePath;
};

// How an export ended: the finished file, or what went wrong, or a cancel.
struct ExportOutcome
{
    QString path;  // the finished report, empty on failure or cancel
    QString error; // what happened and what to do, on failure
    bool cancelled = false;
    bool ok() const { return !path.isEmpty(); }
};

// Writes a report off the GUI thread with progress and cancel. Every format is written to a temporary file
// beside the target and renamed when complete, so a failure or a cancel never leaves half a report.
class ExportController : public QObject
{
    Q_OBJECT
public:
    explicit ExportController(QObject* parent = nullptr);
    ~ExportController() override;
    // From start() until finished() is delivered (the worker may be done a moment earlier).
    bool isRunning() const { return m_running; }

    // Runs the export on the calling thread (for the worker, and for tests without an event loop).
    static ExportOutcome run(const ExportRequest& request, const CancelToken& cancel,
                             const std::function<void(int done, int total)>& progress = {});

public slots:
    void start(const drydock::ui::ExportRequest& request);
    void cancel();

signals:
    void started();
    void progress(int done, int total);
    void finished(const drydock::ui::ExportOutcome& outcome);

private:
    CancelToken m_cancel;
    bool m_running = false;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<ExportOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ExportOutcome)
