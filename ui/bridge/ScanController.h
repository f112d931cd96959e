#pragma once
#include "core/common/CancelToken.h"
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerEndpoint.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/FleetScanner.h"
#include "core/scan/ScanBatch.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <vector>

namespace drydock::ui {

class QueuedBatches;

// What one scan gave the GUI: the finished scan and its id in the history, or why there is none.
struct ScanOutcome
{
    std::shared_ptr<const ScanResult> result; // null on failure or cancel
    qint64 scanId = 0;                        // 0 when the history could not store it
    qint64 baselineScanId = 0; // the stored scan it was compared with (ScanRecorder's choice); 0 for none
    QString error;                            // set on failure (also when the history could not record it)
    QString historyWarning;                   // the scan worked but the history could not be opened
    bool cancelled = false;
};

// Runs scans off the GUI thread: connects, reads the inventory, evaluates, and records the scan in the
// history (ScanRecorder: waivers, storage, delta), reporting progress; the GUI only ever sees finished
// values: the scan, and before it the findings the scan has finished (findingsArrived), coalesced.
class ScanController : public QObject
{
    Q_OBJECT
public:
    ScanController(const RuleCatalogue& catalogue, QString databasePath, QObject* parent = nullptr);
    ~ScanController() override;

    void setEndpoint(const DockerEndpoint& endpoint) { m_endpoint = endpoint; }
    void setSettings(const ScanSettings& settings) { m_settings = settings; }
    // Content analysis (layers, packages) for the next scans; off by default because it is slow.
    void setContentOptions(const ContentScanOptions& options) { m_contentOptions = options; }
    const ContentScanOptions& contentOptions() const { return m_contentOptions; }
    // makeTransport (TransportFactory) unless a test injects another.
    void setTransportMaker(FleetScanner::TransportMaker maker) { m_maker = std::move(maker); }
    bool isRunning() const { return m_watcher.isRunning(); }
    // Whether the next scans copy their findings into findingsArrived (on by default); off, the signal still
    // says how many containers are done, with no findings, and the scan does not pay for the copies.
    void setForwardFindings(bool on) { m_forwardFindings = on; }
    // Called on the scanning thread after each batch of findings is queued for the GUI: a test holds the scan
    // there to look at the window between batches.
    using BatchObserver = std::function<void(const ScanBatch& batch)>;
    void setBatchObserver(BatchObserver observer) { m_batchObserver = std::move(observer); }

public slots:
    void start();
    void cancel();

signals:
    void started();
    void progress(const QString& phase, int done, int total);
    // Findings of the running scan that are final (remediation included, waivers not yet applied), as the
    // scan evaluates them: everything handed over since the last signal, at most one signal per interval
    // (the first one at once), never after finished().
    void findingsArrived(const std::shared_ptr<const std::vector<drydock::Finding>>& findings,
                         int containersDone, int containersTotal);
    void finished(const drydock::ui::ScanOutcome& outcome);

private:
    friend class QueuedBatches;
    void deliverBatches(const std::shared_ptr<QueuedBatches>& batches);

    const RuleCatalogue& m_catalogue;
    QString m_databasePath;
    DockerEndpoint m_endpoint;
    ScanSettings m_settings;
    ContentScanOptions m_contentOptions;
    FleetScanner::TransportMaker m_maker;
    BatchObserver m_batchObserver;
    bool m_forwardFindings = true;
    CancelToken m_cancel;
    std::shared_ptr<QueuedBatches> m_batches; // the running scan's; a batch of another is dropped
    // Declared before the watcher it feeds; not Qt's global pool, whose threads Qt 6 borrows to paint and
    // waits for (HistoryController says more).
    QThreadPool m_pool;
    QFutureWatcher<ScanOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ScanOutcome)
