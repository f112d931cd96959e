#include "ui/bridge/ScanController.h"

#include "core/common/Clock.h"
#include "core/docker/TransportFactory.h"
#include "core/scan/ScanRecorder.h"
#include "core/scan/Scanner.h"
#include "core/store/HistoryStore.h"

#include <QPointer>
#include <QtConcurrent>

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

} // namespace

ScanController::ScanController(const RuleCatalogue& catalogue, QString databasePath, QObject* parent)
    : QObject(parent), m_catalogue(catalogue), m_databasePath(std::move(databasePath))
{
    m_pool.setMaxThreadCount(1); // one scan at a time
    connect(&m_watcher, &QFutureWatcher<ScanOutcome>::finished, this,
            [this] { emit finished(m_watcher.result()); });
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
        auto result = scanner.scan(settings, *sink, cancel);
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

} // namespace drydock::ui
