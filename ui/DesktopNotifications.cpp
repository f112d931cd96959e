#include "ui/DesktopNotifications.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace drydock::ui {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
constexpr int kCallTimeoutMs = 5000;
// The spec's "urgency" hint: 1 normal, 2 critical (a critical notification stays until it is dismissed).
constexpr uchar kNormal = 1;
constexpr uchar kCritical = 2;
} // namespace

DesktopNotifications::DesktopNotifications(const QDBusConnection& bus, QObject* parent)
    : QObject(parent), m_bus(bus)
{
    if (!m_bus.isConnected()) {
        m_state = State::Absent;
        return;
    }
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onClosed(uint, uint)));
}

void DesktopNotifications::probe()
{
    if (!m_bus.isConnected() || m_state == State::Asking || m_state == State::Ready) {
        return;
    }
    m_state = State::Asking;
    const QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("GetCapabilities"));
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        if (reply.isError()) {
            m_state = State::Absent;
        } else {
            m_capabilities = reply.value();
            m_state = State::Ready;
        }
        emit probed();
    });
}

bool DesktopNotifications::notify(const QString& summary, const QString& body, bool critical,
                                  const AlertActions& actions)
{
    if (m_state != State::Ready) {
        return false;
    }
    // Names in the body come from the daemon: where the service reads markup, they must not be markup.
    const QString text = m_capabilities.contains(QStringLiteral("body-markup")) ? body.toHtmlEscaped() : body;
    QStringList buttons;
    if (hasButtons()) {
        buttons = {QStringLiteral("default"), tr("Show"),
                   QStringLiteral("show"),    tr("Show"),
                   QStringLiteral("mute"),    tr("Mute this rule for this object")};
    }
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(critical ? kCritical : kNormal)},
                            {QStringLiteral("desktop-entry"), QStringLiteral("drydock")}};
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    call << QStringLiteral("Drydock") << uint(0) << QStringLiteral("drydock") << summary << text << buttons
         << hints << int(-1);
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, actions](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError()) {
            m_state = State::Unknown; // the service went away: ask again before the next alert
            return;
        }
        remember(reply.value(), actions);
    });
    return true;
}

void DesktopNotifications::remember(uint id, const AlertActions& actions)
{
    if (m_actions.insert_or_assign(id, actions).second) {
        m_order.push_back(id);
    }
    while (m_order.size() > std::size_t(kRemembered)) {
        m_actions.erase(m_order.front());
        m_order.pop_front();
    }
}

void DesktopNotifications::onActionInvoked(uint id, const QString& key)
{
    const auto it = m_actions.find(id);
    if (it == m_actions.end()) {
        return; // another application's notification, or one forgotten
    }
    const AlertActions actions = it->second;
    if (key == QLatin1String("mute") && actions.mute) {
        actions.mute();
    } else if ((key == QLatin1String("show") || key == QLatin1String("default")) && actions.show) {
        actions.show();
    }
}

void DesktopNotifications::onClosed(uint id, uint)
{
    if (m_actions.erase(id) > 0) {
        std::erase(m_order, id);
    }
}

} // namespace drydock::ui
