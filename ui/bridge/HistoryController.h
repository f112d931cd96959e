#pragma once
#include "core/findings/ScanDelta.h"
#include "core/findings/Waiver.h"
#include "core/results/FleetSummary.h"
#include "core/store/FleetTrend.h"
#include "core/store/ScanRepository.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <vector>

namespace drydock {
class HistoryStore;
}

namespace drydock::ui {

// What the history pages show, read in one go off the GUI thread.
struct HistorySnapshot
{
    std::vector<ScanSummary> scans;
    std::vector<TrendPoint> trend; // of the newest scan's endpoint, last 90 days
    std::vector<Waiver> waivers;
    // Set when more than one endpoint was scanned in the last 90 days: each one's latest scan, and the fleet
    // trend over those days.
    std::shared_ptr<const FleetSummary> fleet;
    std::vector<FleetTrendPoint> fleetTrend;
};

// Two stored scans and what changed between them.
struct DeltaView
{
    ScanSummary baseline;
    ScanSummary later;
    ScanDelta delta;
};

// A stored scan made ready to show off the GUI thread: its summary (object counts the history keeps) and its
// findings as a sorted ScanResult.
struct StoredScanView
{
    ScanSummary summary;
    std::shared_ptr<const ScanResult> scan;
};

// Reads and writes the history database off the GUI thread; every answer comes back as a signal.
class HistoryController : public QObject
{
    Q_OBJECT
public:
    explicit HistoryController(QString databasePath, QObject* parent = nullptr);
    ~HistoryController() override;
    const QString& databasePath() const { return m_path; }

public slots:
    void refresh();
    void openScan(qint64 scanId);
    // The newest stored scan of an endpoint (its display name), or null when the history holds none: what the
    // window shows at once on opening, until its own scan arrives.
    void openLatest(const QString& endpoint);
    void compare(qint64 baselineId, qint64 laterId);
    void addWaiver(const drydock::Waiver& waiver);

signals:
    void refreshed(const drydock::ui::HistorySnapshot& snapshot);
    void scanOpened(const std::shared_ptr<const drydock::StoredScan>& scan);
    void latestOpened(const std::shared_ptr<const drydock::ui::StoredScanView>& view); // null: none stored
    void compared(const std::shared_ptr<const drydock::ui::DeltaView>& view);
    void waiverAdded(qint64 waiverId);
    void failed(const QString& message);

private:
    // Runs work(store) on a pool thread with a freshly opened store; delivers done() on the GUI thread.
    template <typename T>
    void runWithStore(std::function<Result<T>(HistoryStore&)> work, std::function<void(T)> done);
    QString m_path;
    // Our own threads, not Qt's global pool: Qt 6 paints scaled pixmaps and gradients with the global pool's
    // threads and waits for them, so long history reads there froze the window's painting on a 2-core machine.
    QThreadPool m_pool;
};

} // namespace drydock::ui
