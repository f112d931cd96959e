#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace drydock::ui {

// How one least-privilege probe ended for the GUI: its result (also when cancelled part-way), or why there is
// none.
struct ProbeOutcome
{
    std::optional<ProbeResult> result; // empty on failure, and on a cancel before any verdict came back
    QString error;                     // what happened and what to do, on failure
    bool cancelled = false;
};

// The trial runner of one probe, and where its outcome is recorded.
struct ProbeTrials
{
    LeastPrivilegeProbe::RunTrials run;
    std::function<void(const ProbeResult&)> record; // the verdicts into the history; empty: not recorded
};

// Makes, on the worker thread, the trial runner of one probe of a plan. The production one connects to the
// endpoint and runs TrialBatches; tests return a fake. Whatever it returns lives (and is destroyed) on the
// worker.
using ProbeTrialsMaker = std::function<Result<ProbeTrials>(const HardeningPlan& plan)>;

// The production maker: its own connection to the endpoint, a DockerWriter and a TrialBatch watching each
// trial for watchSeconds, every step recorded in the history at databasePath (empty: not recorded) as "probe:
// …", and the verdicts after them (as drydock harden --probe records them).
ProbeTrialsMaker endpointProbeTrials(DockerEndpoint endpoint, QString databasePath, int watchSeconds);

// Runs a LeastPrivilegeProbe of a plan off the GUI thread (its own pool): progress arrives as queued signals,
// cancel fires the token (the probe removes its trial containers before it returns), and finished() comes
// once the worker is done, so nothing is left running when it arrives.
class ProbeController : public QObject
{
    Q_OBJECT
public:
    explicit ProbeController(ProbeTrialsMaker maker, QObject* parent = nullptr);
    ~ProbeController() override;

    // From start() until finished() is delivered.
    bool isRunning() const { return m_running; }
    bool isCancelling() const { return m_running && m_cancel.isCancelled(); }

public slots:
    void start(const drydock::HardeningPlan& plan);
    void cancel();

signals:
    void started();
    // Trials done of the (estimated) total, and what runs now ("dropping SYS_ADMIN").
    void progress(int done, int total, const QString& current);
    void finished(const drydock::ui::ProbeOutcome& outcome);

private:
    ProbeTrialsMaker m_maker;
    CancelToken m_cancel;
    bool m_running = false;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<ProbeOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ProbeOutcome)
