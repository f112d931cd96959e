#pragma once
#include "core/findings/Alert.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QDBusConnection;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace drydock::ui {

// What one desktop notification offers: open the finding, or mute its rule on its object.
struct AlertActions
{
    std::function<void()> show;
    std::function<void()> mute;
};

// What the tray icon's menu does with the window.
struct TrayActions
{
    std::function<void()> showWindow;
    std::function<void()> quit;
};

// The seam between the background watch and the desktop: the window hands it each alert; the real one is a
// tray icon with its messages, tests inject one that records (offscreen has no tray).
class AlertNotifier
{
public:
    virtual ~AlertNotifier() = default;
    // Whether the window may hide instead of quitting while watching: only with a tray to come back through.
    virtual bool canRunInBackground() const = 0;
    // Shows (or removes) the tray icon while the background watch is on.
    virtual void setWatching(bool on, const TrayActions& actions) = 0;
    // One desktop notification for one alert.
    virtual void notify(const Alert& alert, const AlertActions& actions) = 0;
};

// Builds the window's notifier (MainWindowServices): the tray one in the application.
using AlertNotifierFactory = std::function<std::unique_ptr<AlertNotifier>(QWidget* window)>;
AlertNotifierFactory defaultAlertNotifier();

class DesktopNotifications;

// The real notifier: a QSystemTrayIcon (when the desktop has a tray) whose menu shows the window, the last
// alert's Show and Mute, and Quit. Each alert is one desktop notification with Show and Mute buttons
// (DesktopNotifications, on the given session bus); where the desktop has no notification service, a tray
// message instead, whose click is Show (tray messages carry no buttons: Mute is then in the tray menu).
class TrayAlertNotifier : public QObject, public AlertNotifier
{
    Q_OBJECT
public:
    explicit TrayAlertNotifier(QWidget* window);
    TrayAlertNotifier(QWidget* window, const QDBusConnection& bus);
    ~TrayAlertNotifier() override;

    bool canRunInBackground() const override;
    void setWatching(bool on, const TrayActions& actions) override;
    void notify(const Alert& alert, const AlertActions& actions) override;

private:
    QPointer<QWidget> m_window;
    std::unique_ptr<QDBusConnection> m_bus; // injected (tests); else the session bus, once watching
    DesktopNotifications* m_desktop = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_showLast = nullptr;
    QAction* m_muteLast = nullptr;
    TrayActions m_trayActions;
    AlertActions m_last;
};

} // namespace drydock::ui
