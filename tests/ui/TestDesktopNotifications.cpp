// Alerts as desktop notifications with buttons, over a real private D-Bus session bus (dbus-daemon) with a
// scripted org.freedesktop.Notifications service on a second connection: what the service receives (summary,
// escaped body, Show and Mute buttons, urgency), what its buttons do, and the fallback when no service is
// there.
#include "ui/AlertNotifier.h"
#include "ui/DesktopNotifications.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

#include <vector>

using namespace drydock;
using namespace drydock::ui;

// A notification service such as GNOME's, on its own connection: records what it is sent and can press
// buttons.
class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    // One Notify call as the service saw it.
    struct Received
    {
        uint id;
        QString appName, summary, body;
        QStringList actions;
        QVariantMap hints;
    };
    QStringList capabilities{QStringLiteral("actions"), QStringLiteral("body"),
                             QStringLiteral("body-markup")};
    std::vector<Received> received;

    explicit FakeNotificationService(QDBusConnection bus) : m_bus(std::move(bus)) {}

    void emitSignal(const QString& name, const QVariantList& arguments)
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                       QStringLiteral("org.freedesktop.Notifications"), name);
        signal.setArguments(arguments);
        m_bus.send(signal);
    }

public slots:
    QStringList GetCapabilities() { return capabilities; }
    uint Notify(const QString& appName, uint, const QString&, const QString& summary, const QString& body,
                const QStringList& actions, const QVariantMap& hints, int)
    {
        received.push_back({++m_next, appName, summary, body, actions, hints});
        return m_next;
    }
    void CloseNotification(uint id) { emitSignal(QStringLiteral("NotificationClosed"), {id, 3u}); }

private:
    QDBusConnection m_bus;
    uint m_next = 100;
};

class TestDesktopNotifications : public QObject
{
    Q_OBJECT
private:
    QTemporaryFile m_config;
    QProcess m_daemon;
    QString m_address;

    static Alert privilegedAlert()
    {
        Alert a;
        a.severity = Severity::Critical;
        a.ruleIds = {"CTR-003"};
        a.sentence = "Container `<b>web</b> & co` was started: privileged container";
        return a;
    }

    // A pair of connections to the private bus: the application's, and the service's (registered as
    // org.freedesktop.Notifications with the fake on it).
    QDBusConnection busConnection(const QString& name)
    {
        return QDBusConnection::connectToBus(m_address, name);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty(),
                 "this test needs dbus-daemon (package dbus-daemon)");
        // A bus of its own with no service directories: nothing on this machine is started by activation.
        QVERIFY(m_config.open());
        m_config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                       " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                       "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>"
                       "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                       "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        m_config.close();
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--config-file=") + m_config.fileName(), QStringLiteral("--nofork"),
                        QStringLiteral("--print-address=1")});
        QVERIFY(m_daemon.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 10000);
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        QVERIFY2(m_address.startsWith(QLatin1String("unix:")), qPrintable(m_address));
    }

    void cleanupTestCase()
    {
        m_daemon.terminate();
        m_daemon.waitForFinished(5000);
    }

    void anAlertIsOneNotificationWithShowAndMuteButtons()
    {
        QDBusConnection serviceBus = busConnection(QStringLiteral("service-1"));
        FakeNotificationService service(serviceBus);
        QVERIFY(serviceBus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                                          QDBusConnection::ExportAllSlots));
        QVERIFY(serviceBus.registerService(QStringLiteral("org.freedesktop.Notifications")));

        TrayAlertNotifier notifier(nullptr, busConnection(QStringLiteral("app-1")));
        QVERIFY(!notifier.findChild<DesktopNotifications*>()); // no D-Bus before the watch is on
        notifier.setWatching(true, {});
        auto* desktop = notifier.findChild<DesktopNotifications*>();
        QVERIFY(desktop);
        QSignalSpy probed(desktop, &DesktopNotifications::probed); // the answer waits for the event loop
        QTRY_COMPARE_WITH_TIMEOUT(probed.size(), 1, 10000);
        QVERIFY(desktop->ready());

        int shown = 0;
        int muted = 0;
        notifier.notify(privilegedAlert(), {[&] { ++shown; }, [&] { ++muted; }});
        QTRY_COMPARE_WITH_TIMEOUT(service.received.size(), std::size_t(1), 10000);
        const auto& n = service.received.front();
        QCOMPARE(n.appName, QStringLiteral("Drydock"));
        QCOMPARE(n.summary, QStringLiteral("Drydock: critical risk"));
        // The service reads markup: names from the daemon arrive escaped, shown as written.
        QCOMPARE(
            n.body,
            QStringLiteral("Container `&lt;b&gt;web&lt;/b&gt; &amp; co` was started: privileged container"));
        QCOMPARE(n.actions,
                 (QStringList{"default", "Show", "show", "Show", "mute", "Mute this rule for this object"}));
        QCOMPARE(n.hints.value(QStringLiteral("urgency")).toInt(), 2);

        // The buttons: Mute, Show, and a click on the notification's body.
        QTest::qWait(200); // the Notify reply (the id) reaches the notifier
        service.emitSignal(QStringLiteral("ActionInvoked"), {n.id, QStringLiteral("mute")});
        QTRY_COMPARE_WITH_TIMEOUT(muted, 1, 5000);
        service.emitSignal(QStringLiteral("ActionInvoked"), {n.id, QStringLiteral("show")});
        QTRY_COMPARE_WITH_TIMEOUT(shown, 1, 5000);
        service.emitSignal(QStringLiteral("ActionInvoked"), {n.id, QStringLiteral("default")});
        QTRY_COMPARE_WITH_TIMEOUT(shown, 2, 5000);
        // Another application's notification, and ours once closed, do nothing.
        service.emitSignal(QStringLiteral("ActionInvoked"), {n.id + 7, QStringLiteral("mute")});
        service.emitSignal(QStringLiteral("NotificationClosed"), {n.id, 2u});
        QTest::qWait(200);
        service.emitSignal(QStringLiteral("ActionInvoked"), {n.id, QStringLiteral("mute")});
        QTest::qWait(300);
        QCOMPARE(muted, 1);
        QCOMPARE(shown, 2);

        serviceBus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("service-1"));
    }

    void aServiceWithoutMarkupOrButtonsGetsPlainText()
    {
        QDBusConnection serviceBus = busConnection(QStringLiteral("service-2"));
        FakeNotificationService service(serviceBus);
        service.capabilities = {QStringLiteral("body")};
        QVERIFY(serviceBus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                                          QDBusConnection::ExportAllSlots));
        QVERIFY(serviceBus.registerService(QStringLiteral("org.freedesktop.Notifications")));

        DesktopNotifications desktop(busConnection(QStringLiteral("app-2")));
        QSignalSpy probed(&desktop, &DesktopNotifications::probed);
        desktop.probe();
        QTRY_COMPARE_WITH_TIMEOUT(probed.size(), 1, 10000);
        QVERIFY(desktop.ready());
        QVERIFY(!desktop.hasButtons());
        QVERIFY(
            desktop.notify(QStringLiteral("Drydock: high risk"), QStringLiteral("`a<b>` & c"), false, {}));
        QTRY_COMPARE_WITH_TIMEOUT(service.received.size(), std::size_t(1), 10000);
        QCOMPARE(service.received.front().body, QStringLiteral("`a<b>` & c"));
        QVERIFY(service.received.front().actions.isEmpty());
        QCOMPARE(service.received.front().hints.value(QStringLiteral("urgency")).toInt(), 1);

        serviceBus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("service-2"));
    }

    void withoutAServiceNothingIsSentAndTheTrayTakesOver()
    {
        DesktopNotifications desktop(busConnection(QStringLiteral("app-3")));
        QSignalSpy probed(&desktop, &DesktopNotifications::probed);
        desktop.probe();
        QTRY_COMPARE_WITH_TIMEOUT(probed.size(), 1, 10000);
        QVERIFY(!desktop.ready());
        QVERIFY(!desktop.notify(QStringLiteral("s"), QStringLiteral("b"), false, {}));

        DesktopNotifications noBus(QDBusConnection(QStringLiteral("never-connected")));
        noBus.probe();
        QVERIFY(!noBus.ready());
        // The tray notifier still takes the alert (as a tray message where there is a tray; none offscreen).
        TrayAlertNotifier notifier(nullptr, QDBusConnection(QStringLiteral("never-connected")));
        notifier.setWatching(true, {});
        notifier.notify(privilegedAlert(), {});
    }
};

QTEST_MAIN(TestDesktopNotifications)
#include "TestDesktopNotifications.moc"
