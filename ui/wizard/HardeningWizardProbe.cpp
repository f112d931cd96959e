// The wizard's "Find what it tolerates": its panel on the plan page, and what a probe's result does to the
// plan.
#include "ui/wizard/HardeningWizard.h"

#include "ui/wizard/ProbePanel.h"

#include <QLabel>
#include <QPushButton>

namespace drydock::ui {

QWidget* HardeningWizard::makeProbePanel(QWidget* page)
{
    m_probe = new ProbePanel(m_services.probeTrials, page);
    m_probe->setVisible(false); // shown for running containers once their plan is there
    connect(m_probe, &ProbePanel::startRequested, this, &HardeningWizard::runProbe);
    connect(m_probe, &ProbePanel::runningChanged, this, [this](bool running) {
        setBusy(running, running ? tr("Finding what %1 tolerates…").arg(m_objectName) : QString());
        if (!running) {
            for (QLabel* note : m_areaProbeNotes) {
                note->setText(tr("Find what it tolerates: %1").arg(m_probe->summaryText()));
                note->setVisible(true);
            }
            emit probeFinished();
        }
    });
    // Applied to the plan as it is now: choices made meanwhile on changes the probe did not try are kept.
    connect(m_probe, &ProbePanel::resultReady, this, [this](const ProbeResult& result) {
        applyProbeResult(m_plan, result);
        showPlan();
    });
    return m_probe;
}

void HardeningWizard::runProbe()
{
    if (!m_plan.isContainer() || !m_plan.running || isBusy()) {
        return;
    }
    m_probe->start(m_plan);
}

void HardeningWizard::cancelProbe()
{
    m_probe->cancel();
}

bool HardeningWizard::isProbing() const
{
    return m_probe->isRunning();
}

QString HardeningWizard::probeSummaryText() const
{
    return m_probe->summaryText();
}

} // namespace drydock::ui
