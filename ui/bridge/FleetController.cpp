#include "ui/bridge/FleetController.h"

#include "core/common/Clock.h"
#include "core/scan/ScanRecorder.h"
#include "core/store/HistoryStore.h"

#include <QPointer>
#include <QtConcurrent>

namespace drydock::ui {

namespace {

// Forwards each endpoint's stage from the scanning threads to the controller on the GUI thread.
class QueuedFleetProgress final : public FleetProgress
{
public:
    explicit QueuedFleetProgress(FleetController* target) : m_target(target) {}
    void endpointStage(std::size_t index, const FleetTarget&, const std::string& stage,
                       const std::string& detail) override
    {
        QPointer<FleetController> target = m_target;
        const QString s = QString::fromStdString(stage);
        const QString d = QString::fromStdString(detail);
        const int i = static_cast<int>(index);
        QMetaObject::invokeMethod(
            target,
            [target, i, s, d] {
                if (target) {
                    emit target->stageChanged(i, s, d);
                }
            },
            Qt::QueuedConnection);
    }

private:
    FleetController* m_target;
};

} // namespace

FleetController::FleetController(const RuleCatalogue& catalogue, QString databasePath,
                                 FleetScanner::TransportMaker maker, QObject* parent)
    : QObject(parent), m_catalogue(catalogue), m_databasePath(std::move(databasePath)),
      m_maker(std::move(maker))
{
    connect(&m_watcher, &QFutureWatcher<FleetOutcome>::finished, this,
            [this] { emit finished(m_watcher.result()); });
}

FleetController::~FleetController()
{
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

void FleetController::start(const std::vector<FleetTarget>& targets)
{
    if (isRunning()) {
        return;
    }
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    const std::string dbPath = m_databasePath.toStdString();
    const RuleCatalogue* catalogue = &m_catalogue;
    const FleetScanner::TransportMaker maker = m_maker;
    auto sink = std::make_shared<QueuedFleetProgress>(this);
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [=]() -> FleetOutcome {
        FleetOutcome outcome;
        const SystemClock clock;
        std::vector<FleetEntry> entries =
            FleetScanner(*catalogue, clock, maker).scan(targets, ScanSettings{}, *sink, cancel);
        // As for one scan: a history that cannot be opened leaves the fleet shown but unstored; one that
        // cannot record it (waivers unreadable, save failed) is an error, as for `drydock scan --fleet`.
        std::unique_ptr<HistoryStore> history;
        if (!dbPath.empty()) {
            auto store = HistoryStore::open(dbPath);
            if (store) {
                history = std::move(store.value());
            } else {
                outcome.historyWarning = QString::fromStdString(store.error().message);
            }
        }
        auto recorded = ScanRecorder(history.get()).recordFleet(entries);
        if (!recorded) {
            outcome.error = QString::fromStdString(recorded.error().message);
            return outcome;
        }
        outcome.summary = std::make_shared<const FleetSummary>(std::move(recorded->summary));
        return outcome;
    }));
}

void FleetController::cancel()
{
    m_cancel.cancel();
}

} // namespace drydock::ui
