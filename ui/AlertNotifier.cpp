#include "ui/AlertNotifier.h"

#include "ui/DesktopNotifications.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace drydock::ui {

AlertNotifierFactory defaultAlertNotifier()
{
    return [](QWidget* window) -> std::unique_ptr<AlertNotifier> {
        return std::make_unique<TrayAlertNotifier>(window);
    };
}

TrayAlertNotifier::TrayAlertNotifier(QWidget* window) : m_window(window) {}

TrayAlertNotifier::TrayAlertNotifier(QWidget* window, const QDBusConnection& bus)
    : m_window(window), m_bus(std::make_unique<QDBusConnection>(bus))
{
}

TrayAlertNotifier::~TrayAlertNotifier()
{
    delete m_tray;
    delete m_menu;
}

bool TrayAlertNotifier::canRunInBackground() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayAlertNotifier::setWatching(bool on, const TrayActions& actions)
{
    m_trayActions = actions;
    if (!on) {
        if (m_tray) {
            m_tray->hide();
        }
        return;
    }
    // The session bus only once the watch is on: a window that never watches never touches D-Bus.
    if (!m_desktop) {
        m_desktop = new DesktopNotifications(m_bus ? *m_bus : QDBusConnection::sessionBus(), this);
    }
    m_desktop->probe();
    if (!m_tray) {
        m_menu = new QMenu();
        m_menu->addAction(tr("Show Drydock"), this, [this] {
            if (m_trayActions.showWindow) {
                m_trayActions.showWindow();
            }
        });
        m_menu->addSeparator();
        m_showLast = m_menu->addAction(tr("Show the last alert"), this, [this] {
            if (m_last.show) {
                m_last.show();
            }
        });
        m_muteLast =
            m_menu->addAction(tr("Mute the last alert's rule for its object (30 days)"), this, [this] {
                if (m_last.mute) {
                    m_last.mute();
                    m_muteLast->setEnabled(false);
                }
            });
        m_showLast->setEnabled(false);
        m_muteLast->setEnabled(false);
        m_menu->addSeparator();
        m_menu->addAction(tr("Quit Drydock"), this, [this] {
            if (m_trayActions.quit) {
                m_trayActions.quit();
            }
        });
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/drydock.svg")));
        m_tray->setToolTip(tr("Drydock is watching the Docker daemon"));
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_last.show) {
                m_last.show();
            }
        });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger && m_trayActions.showWindow) {
                m_trayActions.showWindow();
            }
        });
    }
    m_tray->show();
}

void TrayAlertNotifier::notify(const Alert& alert, const AlertActions& actions)
{
    m_last = actions;
    if (m_tray) {
        m_showLast->setEnabled(true);
        m_muteLast->setEnabled(true);
    }
    const QString summary = tr("Drydock: %1 risk").arg(QString::fromLatin1(toString(alert.severity)));
    const QString body = QString::fromStdString(alert.sentence);
    if (m_desktop && m_desktop->notify(summary, body, alert.severity >= Severity::Critical, actions)) {
        return;
    }
    if (!m_tray) {
        return;
    }
    const auto icon =
        alert.severity >= Severity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning;
    // Plain text: the sentence holds names from the daemon, which must never be read as markup.
    m_tray->showMessage(summary, body, icon, 15000);
}

} // namespace drydock::ui
