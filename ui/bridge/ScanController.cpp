#include "ui/bridge/ScanController.h"

#include "core/common/Clock.h"
#include "core/docker/TransportFactory.h"
#include "core/scan/ScanRecorder.h"
#include "core/scan/Scanner.h"
#include "core/store/HistoryStore.h"

#include <QPointer>
#include <QTimer>
#include <QtConcurrent>

#include <mutex>

namespace drydock::ui {

namespace {

// Forwards progress from the worker thread to the controller on the GUI thread.
class QueuedProgress final : public ProgressSink
{
public:
    explicit QueuedProgress(ScanController* target) : m_target(target) {}
    void progress(const std::string& phase, int done, int total) override
    {
        QPointer<ScanController> target = m_target;
        const QString p = QString::fromStdString(phase);
        QMetaObject::invokeMethod(
            target, [target, p, done, total] {
                if (target) {
                    emit target->progress(p, done, total);
                }
            },
            Qt::QueuedConnection);
    }

private:
    ScanController* m_target;
};

// The shortest time between two findingsArrived signals of one scan: the table takes rows a few times a
// second instead of after every slice, however fast the slices come.
constexpr int kBatchIntervalMs = 150;

} // namespace

// Collects a scan's batches on the worker thread and hands them to the controller on the GUI thread with at
// most one queued call outstanding: a busy GUI thread gets the findings in fewer, larger pieces instead of a
// queue of calls, and never waits for the worker.
class QueuedBatches final : public ScanBatchSink, public std::enable_shared_from_this<QueuedBatches>
{
public:
    QueuedBatches(ScanController* target, bool forward, ScanController::BatchObserver observer)
        : m_target(target), m_forward(forward), m_observer(std::move(observer))
    {
    }

    // What arrived since the last take (null findings: nothing; empty: counts only).
    struct Taken
    {
        std::shared_ptr<const std::vector<Finding>> findings;
        int done = 0;
        int total = 0;
    };

    void batch(const ScanBatch& b) override
    {
        bool post = false;
        {
            const std::lock_guard lock(m_mutex);
            if (!m_pending) {
                m_pending = std::make_shared<std::vector<Finding>>();
            }
            if (m_forward) {
                m_pending->insert(m_pending->end(), b.findings.begin(), b.findings.end());
            }
            m_done = b.containersDone;
            m_total = b.containersTotal;
            post = !m_posted;
            m_posted = true;
        }
        if (post) {
            QPointer<ScanController> target = m_target;
            auto self = shared_from_this();
            QMetaObject::invokeMethod(
                target,
                [target, self] {
                    if (target) {
                        target->deliverBatches(self);
                    }
                },
                Qt::QueuedConnection);
        }
        if (m_observer) {
            m_observer(b);
        }
    }

    Taken take()
    {
        const std::lock_guard lock(m_mutex);
        Taken t{std::move(m_pending), m_done, m_total};
        m_pending.reset();
        return t;
    }

    // After the interval that follows a delivery: true when more is waiting (the caller delivers it), else
    // the next batch posts a call of its own.
    bool moreWaiting()
    {
        const std::lock_guard lock(m_mutex);
        m_posted = m_pending != nullptr;
        return m_posted;
    }

private:
    ScanController* m_target;
    const bool m_forward;
    const ScanController::BatchObserver m_observer;
    std::mutex m_mutex;
    std::shared_ptr<std::vector<Finding>> m_pending;
    int m_done = 0;
    int m_total = 0;
    bool m_posted = false; // a delivery is queued or its interval runs
};

ScanController::ScanController(const RuleCatalogue& catalogue, QString databasePath, QObject* parent)
    : QObject(parent), m_catalogue(catalogue), m_databasePath(std::move(databasePath))
{
    m_pool.setMaxThreadCount(1); // one scan at a time
    connect(&m_watcher, &QFutureWatcher<ScanOutcome>::finished, this, [this] {
        m_batches.reset(); // what was not delivered yet is in the result
        emit finished(m_watcher.result());
    });
}

ScanController::~ScanController()
{
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

void ScanController::start()
{
    if (isRunning()) {
        return;
    }
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    const DockerEndpoint endpoint = m_endpoint;
    const ScanSettings settings = m_settings;
    const ContentScanOptions contentOptions = m_contentOptions;
    const std::string dbPath = m_databasePath.toStdString();
    const RuleCatalogue* catalogue = &m_catalogue;
    const FleetScanner::TransportMaker maker = m_maker;
    auto sink = std::make_shared<QueuedProgress>(this);
    m_batches = std::make_shared<QueuedBatches>(this, m_forwardFindings, m_batchObserver);
    const auto batches = m_batches;
    emit started();
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [=]() -> ScanOutcome {
        ScanOutcome outcome;
        auto transport = maker ? maker(endpoint) : makeTransport(endpoint);
        if (!transport) {
            outcome.error = QString::fromStdString(transport.error().message);
            return outcome;
        }
        DockerClient client(std::move(transport.value()), endpoint);
        client.abortRequestsOn(cancel);
        if (auto v = client.negotiate(); !v) {
            outcome.cancelled = v.error().code == ErrorCode::Cancelled;
            outcome.error = QString::fromStdString(v.error().message);
            return outcome;
        }
        const SystemClock clock;
        Scanner scanner(client, *catalogue, clock);
        scanner.setContentOptions(contentOptions);
        // Read-only looks at the daemon's host (its flags, daemon.json, files, audit rules) when it is this
        // machine or an ssh:// endpoint's host, as drydock scan does.
        HostScanOptions hostOptions;
        hostOptions.enabled = true;
        scanner.setHostOptions(hostOptions);
        auto result = scanner.scan(settings, *sink, cancel, batches.get());
        if (!result) {
            outcome.cancelled = result.error().code == ErrorCode::Cancelled;
            outcome.error = QString::fromStdString(result.error().message);
            return outcome;
        }
        auto scan = std::make_shared<ScanResult>(std::move(result.value()));
        if (!dbPath.empty()) {
            // A history that cannot be opened leaves the scan shown but unstored (the GUI has no
            // --no-history); one that cannot record it (waivers unreadable, not saved) is an error, as for
            // `drydock scan`.
            auto store = HistoryStore::open(dbPath);
            if (!store) {
                outcome.historyWarning = QString::fromStdString(store.error().message);
            } else if (auto recorded = ScanRecorder(store.value().get()).record(*scan); !recorded) {
                outcome.error = QString::fromStdString(recorded.error().message);
                return outcome;
            } else {
                outcome.scanId = recorded->scanId;
                outcome.baselineScanId = recorded->baselineScanId.value_or(0);
            }
        }
        outcome.result = std::move(scan);
        return outcome;
    }));
}

void ScanController::cancel() { m_cancel.cancel(); }

void ScanController::deliverBatches(const std::shared_ptr<QueuedBatches>& batches)
{
    if (batches != m_batches) {
        return; // a finished scan's
    }
    const QueuedBatches::Taken taken = batches->take();
    if (taken.findings) {
        emit findingsArrived(taken.findings, taken.done, taken.total);
    }
    QTimer::singleShot(kBatchIntervalMs, this, [this, batches] {
        if (batches == m_batches && batches->moreWaiting()) {
            deliverBatches(batches);
        }
    });
}

} // namespace drydock::ui
