#include "ui/bridge/ProbeController.h"

#include "core/common/Clock.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/docker/TransportFactory.h"
#include "core/hardening/probe/ProbeHistory.h"
#include "core/hardening/probe/TrialBatch.h"
#include "core/store/HistoryStore.h"

#include <QPointer>
#include <QtConcurrent>

#include <memory>

namespace drydock::ui {

namespace {

// What the production trial runner of one probe owns on the worker thread: its connection, the writer, the
// history it records to and the batch runner. Destroyed with the last copy of the runner, on the worker.
struct EndpointTrials
{
    std::unique_ptr<DockerClient> client;
    std::unique_ptr<HistoryStore> store;
    SystemClock clock;
    std::unique_ptr<DockerWriter> writer;
    std::unique_ptr<TrialBatch> batch;
};

} // namespace

ProbeTrialsMaker endpointProbeTrials(DockerEndpoint endpoint, QString databasePath, int watchSeconds)
{
    return [endpoint, path = databasePath.toStdString(),
            watchSeconds](const HardeningPlan& plan) -> Result<ProbeTrials> {
        auto transport = makeTransport(endpoint);
        if (!transport) {
            return transport.error();
        }
        auto owned = std::make_shared<EndpointTrials>();
        owned->client = std::make_unique<DockerClient>(std::move(transport.value()), endpoint);
        // Not aborted on cancel: the batch must still be able to remove its trial containers.
        if (auto v = owned->client->negotiate(); !v) {
            return v.error();
        }
        if (!path.empty()) {
            // Like the wizard's trial: a history that cannot be opened does not stop the probe.
            if (auto opened = HistoryStore::open(path)) {
                owned->store = std::move(opened.value());
            }
        }
        owned->writer = std::make_unique<DockerWriter>(
            owned->client->transport(), owned->client->apiVersion(), DockerWriter::ActionLog{});
        EndpointTrials* raw = owned.get();
        const std::string shown = endpoint.display();
        const ObjectRef object = plan.object;
        const auto record = [raw, shown, object](const std::string& step, const std::string& outcome,
                                                 const std::string& details) {
            if (raw->store) {
                (void)raw->store->actions().add({0, shown, toString(object.type), object.id, object.name,
                                                 step, outcome, details, raw->clock.nowUnix()});
            }
        };
        owned->batch = std::make_unique<TrialBatch>(
            *owned->client, *owned->writer, owned->clock,
            [record](const HardeningAction& a) { record("probe: " + a.step, a.outcome, a.details); });
        owned->batch->setWatchSeconds(watchSeconds);
        // An earlier probe killed outright may have left trial containers of this one (as drydock harden
        // --probe).
        (void)owned->batch->removeLeftoverTrials(plan.object.name);
        ProbeTrials trials;
        trials.run = [owned, plan](const std::vector<TrialSpec>& specs, const CancelToken& cancel) {
            return owned->batch->run(plan, specs, cancel);
        };
        trials.record = [owned, record](const ProbeResult& result) {
            for (const auto& row : probeHistoryRows(result)) {
                record(row.step, row.outcome, row.details);
            }
        };
        return trials;
    };
}

ProbeController::ProbeController(ProbeTrialsMaker maker, QObject* parent)
    : QObject(parent), m_maker(std::move(maker))
{
    qRegisterMetaType<drydock::ui::ProbeOutcome>();
    m_pool.setMaxThreadCount(1); // one probe at a time
    connect(&m_watcher, &QFutureWatcher<ProbeOutcome>::finished, this, [this] {
        m_running = false;
        emit finished(m_watcher.result());
    });
}

ProbeController::~ProbeController()
{
    // A running probe removes its trial containers before the worker returns.
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

void ProbeController::start(const HardeningPlan& plan)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    const ProbeTrialsMaker maker = m_maker;
    QPointer<ProbeController> self = this;
    const LeastPrivilegeProbe::Progress report = [self](const ProbeProgress& p) {
        const QString current = QString::fromStdString(p.current);
        QMetaObject::invokeMethod(
            self,
            [self, done = p.done, total = p.total, current] {
                if (self) {
                    emit self->progress(done, total, current);
                }
            },
            Qt::QueuedConnection);
    };
    emit started();
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [maker, plan, cancel, report]() -> ProbeOutcome {
        ProbeOutcome outcome;
        const auto fail = [&outcome](const Error& e) {
            outcome.cancelled = e.code == ErrorCode::Cancelled;
            outcome.error = QString::fromStdString(e.message);
            return outcome;
        };
        if (!maker) {
            return fail(
                Error::make(ErrorCode::DaemonUnreachable, "No Docker endpoint is chosen; connect first."));
        }
        auto trials = maker(plan);
        if (!trials) {
            return fail(trials.error());
        }
        LeastPrivilegeProbe probe(trials->run);
        probe.setProgress(report);
        auto result = probe.probe(plan, cancel);
        if (!result) {
            return fail(result.error());
        }
        if (trials->record) {
            trials->record(*result);
        }
        outcome.cancelled = result->cancelled;
        outcome.result = std::move(result.value());
        return outcome;
    }));
}

void ProbeController::cancel()
{
    m_cancel.cancel();
}

} // namespace drydock::ui
