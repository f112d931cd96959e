#pragma once
#include "core/results/FleetSummary.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/FleetScanner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace drydock::ui {

// What a fleet scan gave: the summary the GUI shows (with each endpoint's changes since its previous scan),
// or why the history could not record it.
struct FleetOutcome
{
    std::shared_ptr<const FleetSummary> summary; // null when the history could not record the scans
    QString error;                               // why not (waivers unreadable, a scan not stored)
    QString historyWarning;                      // scans worked but the history could not be opened
};

// Runs a fleet scan off the GUI thread (one thread per endpoint inside FleetScanner), records each reachable
// endpoint's scan in the history (ScanRecorder: waivers, storage, delta), and reports each endpoint's stage
// as it changes.
class FleetController : public QObject
{
    Q_OBJECT
public:
    FleetController(const RuleCatalogue& catalogue, QString databasePath,
                    FleetScanner::TransportMaker maker = {}, QObject* parent = nullptr);
    ~FleetController() override;

    bool isRunning() const { return m_watcher.isRunning(); }
    void start(const std::vector<FleetTarget>& targets);
    void cancel();

signals:
    void stageChanged(int index, const QString& stage, const QString& detail);
    void finished(const drydock::ui::FleetOutcome& outcome);

private:
    const RuleCatalogue& m_catalogue;
    QString m_databasePath;
    FleetScanner::TransportMaker m_maker;
    CancelToken m_cancel;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<FleetOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::FleetOutcome)
