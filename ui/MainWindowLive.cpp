// MainWindow's share of live updates: the View menu toggle, the status bar indicator, following the event
// stream of the scanned endpoint, and pushing re-evaluated objects into the pages in place.
#include "ui/MainWindow.h"

#include "ui/pages/MapPage.h"

#include "ui/bridge/EventWatcher.h"
#include "ui/bridge/LiveUpdater.h"
#include "ui/bridge/QtConvert.h"
#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/MapPage.h"
#include "ui/pages/InventoryPage.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace drydock::ui {

namespace {
const QString kLiveSetting = QStringLiteral("view/liveUpdates");
}

void MainWindow::setUpLiveUpdates(QMenu* viewMenu)
{
    m_events = new EventWatcher(this);
    m_live = new LiveUpdater(*m_services.catalogue, m_services.databasePath, this);
    m_liveAction = viewMenu->addAction(tr("&Live updates"));
    m_liveAction->setObjectName(QStringLiteral("liveUpdatesAction"));
    m_liveAction->setCheckable(true);
    m_liveAction->setChecked(QSettings().value(kLiveSetting, true).toBool());
    m_liveAction->setToolTip(tr("Follow the daemon's events and re-check changed objects without a rescan"));
    m_liveLabel = new QLabel(this);
    m_liveLabel->setObjectName(QStringLiteral("liveUpdatesLabel"));
    m_liveLabel->setText(m_liveAction->isChecked() ? tr("Live updates after the first scan") : tr("Live updates off"));
    statusBar()->addPermanentWidget(m_liveLabel);

    connect(m_liveAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kLiveSetting, on);
        followEvents();
    });
    connect(m_events, &EventWatcher::stateChanged, this, [this](EventWatcher::State state, const QString& detail) {
        static const char* const marks[] = {"○", "◔", "●", "◌"};
        m_liveLabel->setText(QStringLiteral("%1 %2").arg(QString::fromUtf8(marks[static_cast<int>(state)]),
                                                          state == EventWatcher::State::Reconnecting
                                                              ? tr("Live updates reconnecting")
                                                              : detail));
        m_liveLabel->setToolTip(detail);
    });
    connect(m_events, &EventWatcher::objectsChanged, m_live, &LiveUpdater::reevaluate);
    connect(m_live, &LiveUpdater::updated, this, &MainWindow::applyLiveUpdate);
}

void MainWindow::followEvents()
{
    // The background watch needs the stream too, whether or not the window shows live updates.
    const bool watching = m_watchAction && m_watchAction->isChecked();
    m_live->setAlerts(watching, m_alertThreshold);
    const bool wanted = m_liveAction->isEnabled() && (m_liveAction->isChecked() || watching) && m_services.endpoint &&
                        m_lastScan &&
                        m_lastScan->inventory.endpoint == m_services.endpoint->display();
    if (!wanted) {
        m_events->stop();
        m_live->setBase(nullptr);
        return;
    }
    m_live->setEndpoint(*m_services.endpoint);
    m_live->setBase(m_lastScan);
    const bool sameStream = m_events->isRunning() && m_events->endpoint().display() == m_services.endpoint->display();
    if (!sameStream) {
        // From the scan's start: what changed while the scan read the daemon is re-checked too.
        m_events->start(*m_services.endpoint, m_lastScan->startedAtUnix);
    }
}

void MainWindow::applyLiveUpdate(const LiveUpdate& update)
{
    for (const auto& alert : update.alerts) {
        if (m_notifier && m_watchAction->isChecked()) {
            m_notifier->notify(alert, {[this, alert] { showAlert(alert); }, [this, alert] { muteAlert(alert); }});
        }
    }
    if (!update.alertError.isEmpty()) {
        m_statusLabel->setText(tr("Alert not stored in the history: %1").arg(update.alertError));
    }
    if (!update.scan) {
        m_statusLabel->setText(tr("Live update failed: %1").arg(update.error));
        return;
    }
    m_lastScan = update.scan;
    const ScanResult& scan = *update.scan;
    m_dashboard->setScan(scan);
    m_benchmark->setScan(update.scan);
    m_map->setScan(update.scan); // a container started or stopped: the map follows
    std::vector<std::pair<ObjectType, std::string>> objects;
    QStringList names;
    for (const auto& change : update.changes) {
        objects.emplace_back(change.object.type, change.object.id);
        m_findings->replaceObjectFindings(change.object.type, change.object.id, change.findings);
        names << QStringLiteral("%1 %2 %3")
                     .arg(QString::fromLatin1(toString(change.object.type)), displayText(change.object.name, 60),
                          change.removed ? tr("removed") : change.added ? tr("added") : tr("changed"));
    }
    m_inventory->updateObjects(scan.inventory, scan.findings, objects);
    if (!names.isEmpty()) {
        m_statusLabel->setText(tr("Live: %1 · %2 findings.").arg(names.join(QStringLiteral(", "))).arg(scan.findings.size()));
    }
}

} // namespace drydock::ui
