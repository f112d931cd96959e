#pragma once
#include "core/docker/DockerEndpoint.h"
#include "core/findings/Alert.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/AlertEngine.h"
#include "ui/bridge/EventWatcher.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace drydock::ui {

// One object after a live re-evaluation.
struct LiveChange
{
    ObjectRef object;
    bool removed = false;
    bool added = false;
    std::vector<Finding> findings; // its findings now, waivers applied
};

// The shown scan with some objects re-evaluated.
struct LiveUpdate
{
    std::shared_ptr<const ScanResult> scan; // the previous scan with these objects replaced
    std::vector<LiveChange> changes;
    QString error; // set when the daemon could not be read; scan is then null
    std::vector<Alert> alerts; // raised by this update while alerts are on, already stored in the history
    QString alertError;        // an alert could not be stored (it is still in alerts)
};

// Re-evaluates the objects the EventWatcher reports, off the GUI thread, one batch at a time, against the
// scan on screen; applies the stored waivers to the new findings. Live results are not stored in the
// history: the history keeps full scans only. With alerts on, the same worker asks the AlertEngine about
// each re-evaluated object and stores the alerts it raises (the history's alerts table).
class LiveUpdater : public QObject
{
    Q_OBJECT
public:
    LiveUpdater(const RuleCatalogue& catalogue, QString databasePath, QObject* parent = nullptr);
    ~LiveUpdater() override;

    void setEndpoint(const DockerEndpoint& endpoint);
    void setSettings(const ScanSettings& settings) { m_settings = settings; }
    // The scan later updates build on (after every full scan); drops work on the previous one.
    void setBase(std::shared_ptr<const ScanResult> scan);
    bool isBusy() const { return m_watcher.isRunning(); }
    // Alerts for new findings at or above threshold (the background watch); off by default.
    void setAlerts(bool on, Severity threshold);
    bool alertsOn() const { return m_alertsOn; }

public slots:
    void reevaluate(const std::vector<drydock::ui::ChangedObject>& objects);

signals:
    void updated(const drydock::ui::LiveUpdate& update);

private:
    void runNext();

    const RuleCatalogue& m_catalogue;
    QString m_databasePath;
    DockerEndpoint m_endpoint;
    ScanSettings m_settings;
    std::shared_ptr<const ScanResult> m_base;
    std::vector<ChangedObject> m_queued;
    int m_generation = 0;
    bool m_alertsOn = false;
    Severity m_alertThreshold = Severity::High;
    // Used by one worker at a time (runs are serialised); keeps its debounce memory across updates.
    std::shared_ptr<AlertEngine> m_alertEngine;
    int m_runningGeneration = 0;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<LiveUpdate> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::LiveUpdate)
