// MainWindow's share of the background watch: View ▸ Watch in the background (a tray icon, the window hiding
// instead of quitting), the alert threshold, the notifications' Show and Mute, and the session autostart
// entry. The alerts themselves come from the live updates (MainWindowLive.cpp): LiveUpdater asks the
// AlertEngine.
#include "ui/MainWindow.h"

#include "core/common/Clock.h"
#include "core/findings/Waiver.h"
#include "ui/bridge/HistoryController.h"
#include "ui/bridge/LiveUpdater.h"
#include "ui/pages/FindingsPage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>

namespace drydock::ui {

namespace {
const QString kWatchSetting = QStringLiteral("watch/background");
const QString kThresholdSetting = QStringLiteral("watch/threshold");
constexpr std::int64_t kMuteDays = 30;
} // namespace

void MainWindow::setUpWatch(QMenu* viewMenu)
{
    m_notifier = m_services.alertNotifier ? m_services.alertNotifier(this) : nullptr;
    viewMenu->addSeparator();
    m_watchAction = viewMenu->addAction(tr("&Watch in the background"));
    m_watchAction->setObjectName(QStringLiteral("watchAction"));
    m_watchAction->setCheckable(true);
    m_watchAction->setToolTip(tr("Keep following the daemon with the window closed, and raise a desktop "
                                 "notification when a new risky finding appears"));

    QMenu* thresholds = viewMenu->addMenu(tr("&Alert on"));
    thresholds->setObjectName(QStringLiteral("alertThresholdMenu"));
    auto* group = new QActionGroup(this);
    m_alertThreshold =
        severityFromString(
            QSettings().value(kThresholdSetting, QStringLiteral("high")).toString().toStdString())
            .value_or(Severity::High);
    const std::pair<Severity, QString> choices[] = {{Severity::Critical, tr("&Critical findings")},
                                                    {Severity::High, tr("&High and critical findings")},
                                                    {Severity::Medium, tr("&Medium and above")}};
    for (const auto& [severity, label] : choices) {
        QAction* a = thresholds->addAction(label);
        a->setCheckable(true);
        a->setChecked(severity == m_alertThreshold);
        a->setObjectName(QStringLiteral("alertThreshold-%1").arg(QString::fromLatin1(toString(severity))));
        group->addAction(a);
        m_thresholdActions.emplace_back(severity, a);
        connect(a, &QAction::triggered, this, [this, severity = severity] {
            m_alertThreshold = severity;
            QSettings().setValue(kThresholdSetting, QString::fromLatin1(toString(severity)));
            m_live->setAlerts(m_watchAction->isChecked(), m_alertThreshold);
        });
    }

    m_autostartAction = viewMenu->addAction(tr("&Start with the session"));
    m_autostartAction->setObjectName(QStringLiteral("autostartAction"));
    m_autostartAction->setCheckable(true);
    m_autostartAction->setChecked(QFileInfo::exists(autostartFilePath()));
    m_autostartAction->setToolTip(tr("Start Drydock in the tray, watching, when you log in (an autostart "
                                     "entry in %1)")
                                      .arg(QFileInfo(autostartFilePath()).absolutePath()));
    connect(m_autostartAction, &QAction::toggled, this, &MainWindow::setAutostart);

    m_watchAction->setChecked(QSettings().value(kWatchSetting, false).toBool());
    connect(m_watchAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kWatchSetting, on);
        setWatching(on);
    });
    if (m_watchAction->isChecked()) {
        setWatching(true);
    }
}

QAction* MainWindow::alertThresholdAction(Severity severity) const
{
    for (const auto& [s, a] : m_thresholdActions) {
        if (s == severity) {
            return a;
        }
    }
    return nullptr;
}

void MainWindow::setWatching(bool on)
{
    if (m_notifier) {
        m_notifier->setWatching(on, {[this] {
                                         show();
                                         raise();
                                         activateWindow();
                                     },
                                     [this] {
                                         m_quitting = true;
                                         close();
                                         QApplication::quit();
                                     }});
    }
    followEvents();
    if (on) {
        m_statusLabel->setText(m_lastScan ? tr("Watching in the background: alerts on new %1 findings.")
                                                .arg(QString::fromLatin1(toString(m_alertThreshold)))
                                          : tr("Watching in the background after the first scan."));
    }
}

bool MainWindow::startInBackground()
{
    if (!m_notifier || !m_notifier->canRunInBackground()) {
        return false;
    }
    if (!m_watchAction->isChecked()) {
        const QSignalBlocker quiet(m_watchAction); // on for this session, not stored
        m_watchAction->setChecked(true);
        setWatching(true);
    }
    return true;
}

bool MainWindow::hideInsteadOfClosing()
{
    if (m_quitting || !m_watchAction || !m_watchAction->isChecked() || !m_notifier ||
        !m_notifier->canRunInBackground()) {
        return false;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    hide();
    return true;
}

void MainWindow::showAlert(const Alert& alert)
{
    show();
    raise();
    activateWindow();
    const QString name = QString::fromStdString(alert.object.name);
    m_findings->showFinding(name, alert.ruleIds.empty() ? QString()
                                                        : QString::fromStdString(alert.ruleIds.front()));
    showPage(FindingsPageIndex);
}

void MainWindow::muteAlert(const Alert& alert)
{
    const std::int64_t now = SystemClock().nowUnix();
    for (const auto& rule : alert.ruleIds) {
        Waiver w;
        w.scope = Waiver::Scope::Object;
        w.ruleId = rule;
        w.objectPattern = alert.object.name;
        w.endpoint = alert.endpoint;
        w.author = qEnvironmentVariable("USER").toStdString();
        w.createdAtUnix = now;
        w.expiresAtUnix = now + kMuteDays * 24 * 3600;
        w.reason = tr("Muted from a desktop alert of %1 for %2 days")
                       .arg(QDateTime::fromSecsSinceEpoch(alert.atUnix).toString(Qt::ISODate))
                       .arg(kMuteDays)
                       .toStdString();
        m_historyController->addWaiver(w);
    }
}

QString MainWindow::autostartFilePath()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || !QDir::isAbsolutePath(config)) { // the XDG spec: a relative value is ignored
        config = QDir::homePath() + QStringLiteral("/.config");
    }
    return config + QStringLiteral("/autostart/drydock.desktop");
}

void MainWindow::setAutostart(bool on)
{
    const QString path = autostartFilePath();
    if (!on) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            m_statusLabel->setText(tr("Could not remove %1.").arg(path));
        }
        return;
    }
    // Only written when the user turns it on; it starts the same binary hidden in the tray, watching.
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QString exec = QApplication::applicationFilePath();
    QString quoted = exec;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    quoted.replace(QLatin1Char('`'), QStringLiteral("\\`")).replace(QLatin1Char('$'), QStringLiteral("\\$"));
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=Drydock\n"
                                        "Comment=%1\n"
                                        "Exec=\"%2\" --background\n"
                                        "Icon=drydock\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(tr("Security dashboard for Docker, watching in the background"), quoted);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        m_statusLabel->setText(tr("Could not write %1: %2").arg(path, file.errorString()));
        m_autostartAction->blockSignals(true);
        m_autostartAction->setChecked(false);
        m_autostartAction->blockSignals(false);
        return;
    }
    m_statusLabel->setText(tr("Drydock will start with your session (%1).").arg(path));
}

} // namespace drydock::ui
