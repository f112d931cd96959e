// The background watch through the real window, offscreen, against the private dockerd: with View ▸ Watch in
// the background on, a container created --privileged with the Docker socket bind-mounted raises exactly one
// notification within 3 s; the same container run again as it was raises none; Mute stores a waiver (read
// back from the history) and Show opens the finding. The notifier is the recording seam (offscreen has no
// tray).
#include "core/rules/RuleCatalogue.h"
#include "core/store/HistoryStore.h"
#include "tests/support/RecordingNotifier.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/bridge/EventWatcher.h"
#include "ui/bridge/HistoryController.h"
#include "ui/models/FindingsModel.h"
#include "ui/pages/FindingsPage.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

class TestMainWindowWatch : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QString m_name = test::uniqueName(QStringLiteral("watched"));
    test::RecordingNotifier* m_notifier = nullptr;

    MainWindowServices services()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.filePath(QStringLiteral("history.db"));
        s.endpoint = test::privateDaemonEndpoint();
        s.scanOnStart = true;
        s.connectPrompt = [](QWidget*, const DockerEndpoint&) { return std::optional<DockerEndpoint>(); };
        s.alertNotifier = test::recordingNotifier(&m_notifier);
        return s;
    }

    int createRisky()
    {
        // No network: the container makes no traffic (and this sandbox may refuse to start it: the create
        // event is the one that counts).
        return test::docker({"create", "--privileged", "--network", "none", "-v",
                             test::privateDaemonSocket() + QStringLiteral(":/var/run/docker.sock"), "--name",
                             m_name, "drydock-test/busybox:1", "sleep", "600"});
    }

    static bool shows(MainWindow& w, const QString& rule, const QString& name)
    {
        const auto scan = w.lastScan();
        if (!scan) {
            return false;
        }
        for (const auto& f : scan->findings.all()) {
            if (f.ruleId == rule.toStdString() && f.object.name == name.toStdString()) {
                return true;
            }
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("watch"));
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
    }
    void cleanupTestCase()
    {
        test::docker({"rm", "-f", m_name});
        QSettings().remove(QStringLiteral("watch")); // the next test's window starts without the watch
    }

    void aRiskyContainerRaisesOneNotificationAndMuteStoresAWaiver()
    {
        MainWindow w(services());
        w.show();
        QVERIFY(m_notifier);
        QSignalSpy scans(w.scanController(), &ScanController::finished);
        QVERIFY(scans.wait(60000));
        QVERIFY(!w.watchAction()->isChecked()); // off until the user turns it on
        w.watchAction()->trigger();
        QVERIFY(w.watchAction()->isChecked());
        QVERIFY(m_notifier->watching);
        QCOMPARE(w.alertThreshold(), Severity::High);
        QTRY_COMPARE_WITH_TIMEOUT(w.eventWatcher()->state(), EventWatcher::State::Live, 20000);
        QVERIFY(m_notifier->shown.empty());

        QCOMPARE(createRisky(), 0);
        test::docker({"start", m_name});
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->shown.size(), std::size_t(1), 3000);
        const Alert alert = m_notifier->shown.front().alert;
        const QString sentence = QString::fromStdString(alert.sentence);
        QVERIFY2(sentence.contains(QLatin1Char('`') + m_name + QLatin1Char('`')), qPrintable(sentence));
        QVERIFY2(sentence.contains(QStringLiteral("privileged")), qPrintable(sentence));
        QVERIFY(std::find(alert.ruleIds.begin(), alert.ruleIds.end(), "CTR-002") != alert.ruleIds.end());
        QCOMPARE(alert.severity, Severity::Critical);
        QVERIFY(alert.id > 0); // stored

        // The same container again, as it was (removed and created anew): no second notification.
        QTRY_VERIFY_WITH_TIMEOUT(shows(w, QStringLiteral("CTR-002"), m_name), 10000);
        QCOMPARE(test::docker({"rm", "-f", m_name}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!shows(w, QStringLiteral("CTR-002"), m_name), 10000);
        QCOMPARE(createRisky(), 0);
        test::docker({"start", m_name});
        QTRY_VERIFY_WITH_TIMEOUT(shows(w, QStringLiteral("CTR-002"), m_name), 10000);
        QTest::qWait(1000);
        QCOMPARE(m_notifier->shown.size(), std::size_t(1));

        // Show: the window on the Findings page, on that finding.
        m_notifier->shown.front().actions.show();
        QCOMPARE(w.currentPage(), int(MainWindow::FindingsPageIndex));
        QVERIFY(w.isVisible());

        // Mute: a waiver per rule of the alert on this object, with a reason and an expiry, in the history.
        QSignalSpy added(w.historyController(), &HistoryController::waiverAdded);
        m_notifier->shown.front().actions.mute();
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), int(alert.ruleIds.size()), 10000);
        auto store = HistoryStore::open(m_dir.filePath(QStringLiteral("history.db")).toStdString());
        QVERIFY(store);
        const auto waivers = store.value()->waivers().list().value();
        QCOMPARE(waivers.size(), alert.ruleIds.size());
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        for (const auto& waiver : waivers) {
            QCOMPARE(waiver.scope, Waiver::Scope::Object);
            QCOMPARE(QString::fromStdString(waiver.objectPattern), m_name);
            QVERIFY(std::find(alert.ruleIds.begin(), alert.ruleIds.end(), waiver.ruleId) !=
                    alert.ruleIds.end());
            QVERIFY(!waiver.reason.empty());
            QVERIFY(waiver.expiresAtUnix && *waiver.expiresAtUnix > now + 29 * 86400 &&
                    *waiver.expiresAtUnix <= now + 31 * 86400);
        }
        const auto alerts = store.value()->alerts().list().value();
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(alerts.front().object.name), m_name);

        // Closing the window while watching hides it; the watch goes on.
        w.close();
        QVERIFY(!w.isVisible());
        QCOMPARE(w.eventWatcher()->state(), EventWatcher::State::Live);
        w.watchAction()->trigger(); // off: remembered as off
        QVERIFY(!m_notifier->watching);
    }
};

QTEST_MAIN(TestMainWindowWatch)
#include "TestMainWindowWatch.moc"
