#include "ui/wizard/ProbePanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace drydock::ui {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

int tolerated(const ProbeResult& result)
{
    return static_cast<int>(std::count_if(result.verdicts.begin(), result.verdicts.end(),
                                          [](const ProbeVerdict& v) { return v.tolerated; }));
}

} // namespace

QString probeSummary(const ProbeResult& result)
{
    const int verified = tolerated(result);
    const int broke = static_cast<int>(result.verdicts.size()) - verified;
    // Spelled out: without a translation loaded, tr()'s %n leaves "(s)" in the text.
    const int seconds = static_cast<int>(result.seconds + 0.5);
    QString text = result.trials == 1 ? QObject::tr("1 trial in %1 s: ").arg(seconds)
                                      : QObject::tr("%1 trials in %2 s: ").arg(result.trials).arg(seconds);
    text += verified == 1 ? QObject::tr("1 change verified, ")
                          : QObject::tr("%1 changes verified, ").arg(verified);
    text += QObject::tr("%1 would break it").arg(broke);
    if (result.combinedChecked && !result.combined.sameBehaviour) {
        text += QObject::tr("; together the verified changes did not behave like the original: %1")
                    .arg(qs(result.combined.evidence));
    }
    return text;
}

void addTrialVerdictRow(QFormLayout* form, const HardeningChange& change)
{
    if (change.trial == TrialVerdict::NotTried && change.trialEvidence.empty()) {
        return;
    }
    QWidget* parent = form->parentWidget();
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* badge = new QLabel(row);
    badge->setObjectName(qs("verdict:" + change.id));
    QString colour;
    switch (change.trial) {
    case TrialVerdict::Tolerated:
        badge->setText(QObject::tr("apply (verified by trial)"));
        colour = QStringLiteral("#2e7d32");
        break;
    case TrialVerdict::Broke:
        badge->setText(QObject::tr("skip: the trial broke it"));
        colour = QStringLiteral("#c62828");
        break;
    case TrialVerdict::NotTried:
        badge->setText(QObject::tr("not tried"));
        colour = QStringLiteral("#616161");
        break;
    }
    badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px; "
                                        "padding: 2px 10px; font-weight: 600; }")
                             .arg(colour));
    badge->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    badge->setToolTip(qs(change.trialEvidence));
    badge->setAccessibleName(badge->text() + QStringLiteral(": ") + qs(change.trialEvidence));
    auto* evidence = new QLabel(qs(change.trialEvidence), row);
    evidence->setObjectName(qs("evidence:" + change.id));
    evidence->setWordWrap(true);
    evidence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(badge, 0, Qt::AlignTop);
    layout->addWidget(evidence, 1);
    form->addRow(QObject::tr("Trial"), row);
}

ProbePanel::ProbePanel(ProbeTrialsMaker maker, QWidget* parent)
    : QGroupBox(tr("Least privilege, found by trial"), parent),
      m_controller(new ProbeController(std::move(maker), this))
{
    qRegisterMetaType<drydock::ProbeResult>();
    setObjectName(QStringLiteral("probePanel"));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(
        tr("Instead of guessing, try each change: a trial of the container as it is, then one trial per "
           "change, "
           "each beside the original under a temporary name. What behaves like the original becomes "
           "<i>apply (verified by trial)</i>; what breaks it stays <i>skip</i>, with the evidence."),
        this);
    about->setWordWrap(true);
    layout->addWidget(about);

    auto* buttons = new QHBoxLayout;
    // Alt+T: Alt+F is the wizard's own &Finish.
    m_start = new QPushButton(tr("Find what it &tolerates"), this);
    m_start->setObjectName(QStringLiteral("probeButton"));
    m_start->setToolTip(
        tr("Runs trial containers beside the original (no published ports, volumes read-only, "
           "removed afterwards) to find which changes it tolerates. Nothing existing is "
           "touched."));
    m_cancel = new QPushButton(tr("Cancel the probe"), this);
    m_cancel->setObjectName(QStringLiteral("probeCancel"));
    m_cancel->setToolTip(tr("Stops the probe; its trial containers are removed."));
    m_cancel->setVisible(false);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("probeProgress"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("probeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    connect(m_start, &QPushButton::clicked, this, &ProbePanel::startRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ProbePanel::cancel);
    connect(m_controller, &ProbeController::progress, this, &ProbePanel::showProgress);
    connect(m_controller, &ProbeController::finished, this, &ProbePanel::finish);
}

void ProbePanel::setStartEnabled(bool enabled)
{
    m_start->setEnabled(enabled && !isRunning());
}

QString ProbePanel::summaryText() const
{
    return m_summary->text();
}

void ProbePanel::start(const HardeningPlan& plan)
{
    if (isRunning() || !plan.isContainer()) {
        return;
    }
    m_summary->setText(tr("Starting a trial of %1 as it is…").arg(qs(plan.object.name)));
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("starting the baseline trial"));
    m_progress->setVisible(true);
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_cancel->setVisible(true);
    m_controller->start(plan);
    emit runningChanged(true);
}

void ProbePanel::cancel()
{
    if (!isRunning() || m_controller->isCancelling()) {
        return;
    }
    m_controller->cancel();
    m_cancel->setEnabled(false);
    m_summary->setText(tr("Cancelling: removing the trial containers…"));
}

void ProbePanel::showProgress(int done, int total, const QString& current)
{
    if (!isRunning()) {
        return; // queued before the end
    }
    if (!m_controller->isCancelling()) {
        m_summary->clear(); // "Starting…" is over; the bar says what runs
    }
    m_progress->setRange(0, std::max(total, done));
    m_progress->setValue(done);
    // The format is the whole text: '%' would start a placeholder.
    // done counts finished trials; the batch now running starts with the next one.
    QString shown =
        current.isEmpty()
            ? tr("%1 of %2 trials done").arg(done).arg(total)
            : tr("trial %1 of %2: %3").arg(std::min(done + 1, std::max(total, 1))).arg(total).arg(current);
    m_progress->setFormat(shown.remove(QLatin1Char('%')));
    m_progress->setAccessibleDescription(m_progress->format());
}

void ProbePanel::finish(const ProbeOutcome& outcome)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_start->setEnabled(true);
    if (outcome.cancelled) {
        const int kept = outcome.result ? static_cast<int>(outcome.result->verdicts.size()) : 0;
        if (kept > 0) {
            emit resultReady(*outcome.result);
            m_summary->setText(
                (kept == 1 ? tr("Probe cancelled: 1 verdict kept")
                           : tr("Probe cancelled: %1 verdicts kept").arg(kept)) +
                tr(": the changes tried so far show theirs, the others keep their choices. Its trial "
                   "containers were removed."));
        } else {
            m_summary->setText(
                tr("Probe cancelled: no verdicts kept, the plan is unchanged. Its trial containers "
                   "were removed."));
        }
    } else if (!outcome.result) {
        QString why = outcome.error.trimmed();
        if (!why.endsWith(QLatin1Char('.'))) {
            why += QLatin1Char('.');
        }
        m_summary->setText(tr("The probe could not finish: %1 The plan is unchanged.").arg(why));
    } else {
        emit resultReady(*outcome.result);
        m_summary->setText(probeSummary(*outcome.result));
    }
    emit runningChanged(false);
}

} // namespace drydock::ui
