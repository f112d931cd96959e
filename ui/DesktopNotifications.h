#pragma once
#include "ui/AlertNotifier.h"

#include <QDBusConnection>
#include <QObject>
#include <QStringList>

#include <deque>
#include <map>

namespace drydock::ui {

// Desktop notifications with buttons through the freedesktop.org Notifications service on the session bus
// (GNOME, KDE, XFCE, and daemons such as dunst or mako): each alert is one notification with *Show* and
// *Mute this rule for this object*, and clicking its body is Show. Nothing can be sent until the service has
// said what it supports (probe(), asynchronous: a hung service never blocks the window); without a session
// bus or a service, ready() stays false and the caller shows the alert another way.
class DesktopNotifications : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRemembered = 32; // notifications whose buttons still answer

    explicit DesktopNotifications(const QDBusConnection& bus, QObject* parent = nullptr);

    // Asks the service what it supports, once (again after it went away).
    void probe();
    bool ready() const { return m_state == State::Ready; }
    bool hasButtons() const { return m_capabilities.contains(QStringLiteral("actions")); }
    // Sends one notification: summary and body are plain text (escaped where the service reads markup).
    // False when nothing can be sent; the caller falls back.
    bool notify(const QString& summary, const QString& body, bool critical, const AlertActions& actions);

signals:
    // The service answered probe(): ready() tells whether notifications can be sent.
    void probed();

private slots:
    void onActionInvoked(uint id, const QString& key);
    void onClosed(uint id, uint reason);

private:
    enum class State
    {
        Unknown,
        Asking,
        Ready,
        Absent
    };
    void remember(uint id, const AlertActions& actions);

    QDBusConnection m_bus;
    State m_state = State::Unknown;
    QStringList m_capabilities;
    std::map<uint, AlertActions> m_actions; // by the service's notification id
    std::deque<uint> m_order;               // oldest first, at most kRemembered
};

} // namespace drydock::ui
