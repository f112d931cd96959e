#pragma once
#include "core/hardening/HardeningPlan.h"
#include "ui/bridge/ProbeController.h"

#include <QGroupBox>

class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace drydock::ui {

// "Find what it tolerates" on the wizard's plan page: starts a least-privilege probe of a running container
// off the GUI thread, shows its progress ("trial 5 of 12: dropping SYS_ADMIN") with a Cancel button, and says
// how it ended in one line. The wizard applies the result to its plan (resultReady).
class ProbePanel : public QGroupBox
{
    Q_OBJECT
public:
    ProbePanel(ProbeTrialsMaker maker, QWidget* parent = nullptr);

    void setStartEnabled(bool enabled);
    bool isRunning() const { return m_controller->isRunning(); }
    QString summaryText() const;
    // Probes a copy of plan (a running container) on the worker.
    void start(const HardeningPlan& plan);

public slots:
    void cancel();

signals:
    void startRequested(); // the button (or Alt+T)
    void runningChanged(bool running);
    // A probe's verdicts to apply to the plan: a finished probe, or a cancelled one with the verdicts it had.
    void resultReady(const drydock::ProbeResult& result);

private:
    void showProgress(int done, int total, const QString& current);
    void finish(const ProbeOutcome& outcome);

    ProbeController* m_controller = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
};

// The one-line summary of a finished probe: "12 trials in 24 s: 6 changes verified, 2 would break it".
QString probeSummary(const ProbeResult& result);

// Adds the "Trial" row of a change box after a probe: a badge (apply (verified by trial) / skip) with the
// evidence beside it and as its tooltip. Nothing for a change no probe has said anything about.
void addTrialVerdictRow(QFormLayout* form, const HardeningChange& change);

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ProbeResult)
