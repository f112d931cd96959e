// MainWindow: a scan's first findings, shown while it runs when no stored or earlier scan is on screen.
#include "ui/MainWindow.h"
#include "ui/pages/FindingsPage.h"

#include <QLabel>
#include <QProgressBar>

namespace drydock::ui {

void MainWindow::showScanFindings(const std::shared_ptr<const std::vector<Finding>>& findings, int done,
                                  int total)
{
    m_statusLabel->setText(tr("Scanning… %1 of %2 containers").arg(done).arg(total));
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    // Only a first look: a stored scan or a finished one already on screen stays until this scan ends, so a
    // complete list never turns into a half one.
    if (m_shownScan && !m_partialShown) {
        return;
    }
    m_partialDone = done;
    m_partialTotal = total;
    const QString label = tr("Scan in progress: %1 of %2 containers checked; more findings arrive until it "
                             "finishes (waivers and history then)")
                              .arg(done)
                              .arg(total);
    if (std::exchange(m_partialStale, false)) {
        m_findings->setFindings(findings, label); // a stopped scan's rows go; this scan's come
    } else {
        m_findings->appendFindings(findings, label);
    }
    m_partialShown = true;
}

void MainWindow::endScanFindings(const ScanOutcome& outcome)
{
    if (!m_partialShown) {
        return;
    }
    if (outcome.result) {
        m_partialShown = false; // the finished scan replaces them (onScanFinished)
        return;
    }
    // A cancelled or failed scan leaves what it showed, marked: the user was reading those rows, and they are
    // true findings of this daemon, just not all of them (and not stored). The next scan replaces them.
    m_partialStale = true;
    m_findings->setBanner(
        (outcome.cancelled
             ? tr("Scan cancelled after %1 of %2 containers: these findings are incomplete and were "
                  "not stored.")
             : tr("Scan failed after %1 of %2 containers were checked (see the message above): these findings "
                  "were not stored and may be incomplete."))
            .arg(m_partialDone)
            .arg(m_partialTotal));
}

} // namespace drydock::ui
