#include "ui/bridge/HistoryController.h"

#include "core/common/Clock.h"
#include "core/report/ScanFromStored.h"
#include "core/store/FleetHistory.h"
#include "core/store/HistoryStore.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include <set>

namespace drydock::ui {

namespace {

// The fleet view only when the recent history holds more than one endpoint: one endpoint is the dashboard
// already.
Result<std::shared_ptr<const FleetSummary>> fleetOf(ScanRepository& repository, const std::vector<ScanSummary>& scans,
                                                    std::int64_t sinceUnix)
{
    std::set<std::string> endpoints;
    for (const auto& s : scans) {
        if (s.startedAtUnix >= sinceUnix) {
            endpoints.insert(s.endpoint);
        }
    }
    if (endpoints.size() < 2) {
        return std::shared_ptr<const FleetSummary>();
    }
    auto fleet = FleetHistory::latest(repository, sinceUnix);
    if (!fleet) {
        return fleet.error();
    }
    return std::shared_ptr<const FleetSummary>(std::make_shared<FleetSummary>(std::move(fleet.value())));
}

} // namespace

HistoryController::HistoryController(QString databasePath, QObject* parent)
    : QObject(parent), m_path(std::move(databasePath))
{
    m_pool.setMaxThreadCount(2);
}

HistoryController::~HistoryController() { m_pool.waitForDone(); }

template <typename T>
void HistoryController::runWithStore(std::function<Result<T>(HistoryStore&)> work, std::function<void(T)> done)
{
    const std::string path = m_path.toStdString();
    auto* watcher = new QFutureWatcher<std::shared_ptr<Result<T>>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Result<T>>>::finished, this, [this, watcher, done] {
        auto result = watcher->result();
        watcher->deleteLater();
        if (result->ok()) {
            done(std::move(result->value()));
        } else {
            emit failed(QString::fromStdString(result->error().message));
        }
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [path, work]() -> std::shared_ptr<Result<T>> {
        auto store = HistoryStore::open(path);
        if (!store) {
            return std::make_shared<Result<T>>(store.error());
        }
        return std::make_shared<Result<T>>(work(*store.value()));
    }));
}

void HistoryController::refresh()
{
    runWithStore<HistorySnapshot>(
        [](HistoryStore& store) -> Result<HistorySnapshot> {
            HistorySnapshot snap;
            auto scans = store.scans().list("", 500);
            if (!scans) {
                return scans.error();
            }
            snap.scans = std::move(scans.value());
            if (!snap.scans.empty()) {
                const std::int64_t since = SystemClock().nowUnix() - 90 * 86400;
                auto trend = store.scans().trend(snap.scans.front().endpoint, since);
                if (!trend) {
                    return trend.error();
                }
                snap.trend = std::move(trend.value());
                if (auto fleet = fleetOf(store.scans(), snap.scans, since); !fleet) {
                    return fleet.error();
                } else if (fleet.value()) {
                    snap.fleet = std::move(fleet.value());
                    auto fleetTrend = FleetTrend::load(store.scans(), since);
                    if (!fleetTrend) {
                        return fleetTrend.error();
                    }
                    snap.fleetTrend = std::move(fleetTrend.value());
                }
            }
            auto waivers = store.waivers().list();
            if (!waivers) {
                return waivers.error();
            }
            snap.waivers = std::move(waivers.value());
            return snap;
        },
        [this](HistorySnapshot snap) { emit refreshed(snap); });
}

void HistoryController::openScan(qint64 scanId)
{
    runWithStore<std::shared_ptr<const StoredScan>>(
        [scanId](HistoryStore& store) -> Result<std::shared_ptr<const StoredScan>> {
            auto scan = store.scans().load(scanId);
            if (!scan) {
                return scan.error();
            }
            return std::shared_ptr<const StoredScan>(std::make_shared<StoredScan>(std::move(scan.value())));
        },
        [this](std::shared_ptr<const StoredScan> scan) { emit scanOpened(scan); });
}

void HistoryController::openLatest(const QString& endpoint)
{
    runWithStore<std::shared_ptr<const StoredScanView>>(
        [name = endpoint.toStdString()](HistoryStore& store) -> Result<std::shared_ptr<const StoredScanView>> {
            auto id = store.scans().latest(name);
            if (!id) {
                return id.error();
            }
            if (!id.value()) {
                return std::shared_ptr<const StoredScanView>();
            }
            auto scan = store.scans().load(*id.value());
            if (!scan) {
                return scan.error();
            }
            auto view = std::make_shared<StoredScanView>();
            view->summary = scan->summary;
            view->scan = std::make_shared<const ScanResult>(scanFromStored(std::move(scan.value())));
            return std::shared_ptr<const StoredScanView>(std::move(view));
        },
        [this](std::shared_ptr<const StoredScanView> view) { emit latestOpened(view); });
}

void HistoryController::compare(qint64 baselineId, qint64 laterId)
{
    runWithStore<std::shared_ptr<const DeltaView>>(
        [baselineId, laterId](HistoryStore& store) -> Result<std::shared_ptr<const DeltaView>> {
            auto delta = store.scans().delta(baselineId, laterId);
            if (!delta) {
                return delta.error();
            }
            auto a = store.scans().load(baselineId);
            auto b = store.scans().load(laterId);
            if (!a || !b) {
                return Error::make(ErrorCode::Database, "The scans could not be read back.");
            }
            auto view = std::make_shared<DeltaView>();
            view->baseline = a->summary;
            view->later = b->summary;
            view->delta = std::move(delta.value());
            return std::shared_ptr<const DeltaView>(view);
        },
        [this](std::shared_ptr<const DeltaView> view) { emit compared(view); });
}

void HistoryController::addWaiver(const Waiver& waiver)
{
    runWithStore<qint64>([waiver](HistoryStore& store) -> Result<qint64> {
        auto id = store.waivers().add(waiver);
        if (!id) {
            return id.error();
        }
        return static_cast<qint64>(id.value());
    },
                         [this](qint64 id) { emit waiverAdded(id); });
}

} // namespace drydock::ui
