#pragma once
#include "core/common/CancelToken.h"
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerEndpoint.h"
#include "core/rules/RuleCatalogue.h"
#include "core/results/ScanResult.h"
#include "core/rules/ScanSettings.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace drydock::ui {

// How a scan ended: the result and its history id, or what went wrong, or a cancel.
struct ScanOutcome
{
    std::shared_ptr<const ScanResult> result; // null on failure or cancel
    qint64 scanId = 0;                        // 0 when the history could not store it
    QString error;                            // set on failure
    QString historyWarning;                   // the scan worked but was not stored
    bool cancelled = false;
};

// Runs scans off the GUI thread: connects, reads the inventory, evaluates, applies waivers and stores the
// scan in the history, reporting progress; the GUI only ever sees finished values.
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
    CancelToken m_cancel;
    QFutureWatcher<ScanOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ScanOutcome)
