#include "ui/bridge/FleetController.h"

#include "core/common/Clock.h"
#include "core/findings/Waiver.h"
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
    m_watcher.setFuture(QtConcurrent::run([=]() -> FleetOutcome {
        FleetOutcome outcome;
        const SystemClock clock;
        std::vector<FleetEntry> entries =
            FleetScanner(*catalogue, clock, maker).scan(targets, ScanSettings{}, *sink, cancel);
        std::vector<std::int64_t> ids(entries.size(), 0);
        if (!dbPath.empty()) {
            auto store = HistoryStore::open(dbPath);
            if (!store) {
                outcome.historyWarning = QString::fromStdString(store.error().message);
            } else {
                auto waivers = store.value()->waivers().list();
                for (std::size_t i = 0; i < entries.size(); ++i) {
                    if (!entries[i].reachable()) {
                        continue;
                    }
                    ScanResult& scan = *entries[i].result;
                    if (waivers) {
                        applyWaivers(scan.findings.mutableAll(), waivers.value(), scan.inventory.endpoint,
                                     scan.startedAtUnix);
                    }
                    auto id = store.value()->scans().save(scan);
                    if (id) {
                        ids[i] = id.value();
                    } else {
                        outcome.historyWarning = QString::fromStdString(id.error().message);
                    }
                }
            }
        }
        auto summary = std::make_shared<FleetSummary>(FleetSummary::compute(entries));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            summary->endpoints[i].scanId = ids[i];
        }
        outcome.summary = std::move(summary);
        return outcome;
    }));
}

void FleetController::cancel()
{
    m_cancel.cancel();
}

} // namespace drydock::ui
