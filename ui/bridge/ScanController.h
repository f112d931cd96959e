#pragma once
#include "core/common/CancelToken.h"
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerEndpoint.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/FleetScanner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace drydock::ui {

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
// values.
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

public slots:
    void start();
    void cancel();

signals:
    void started();
    void progress(const QString& phase, int done, int total);
    void finished(const drydock::ui::ScanOutcome& outcome);

private:
    const RuleCatalogue& m_catalogue;
    QString m_databasePath;
    DockerEndpoint m_endpoint;
    ScanSettings m_settings;
    ContentScanOptions m_contentOptions;
    FleetScanner::TransportMaker m_maker;
    CancelToken m_cancel;
    // Declared before the watcher it feeds; not Qt's global pool, whose threads Qt 6 borrows to paint and
    // waits for (HistoryController says more).
    QThreadPool m_pool;
    QFutureWatcher<ScanOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ScanOutcome)
