// Live updates through the real window, offscreen, against the private dockerd: after one scan, a
// privileged container created with the docker CLI shows up with its findings, inventory row and badge
// without a rescan, and disappears again when it is removed; the View menu switches the stream off.
#include "core/rules/RuleCatalogue.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/bridge/EventWatcher.h"
#include "ui/models/FindingsModel.h"
#include "ui/models/InventoryTableModel.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/InventoryPage.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

class TestMainWindowLiveUpdates : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QString m_name = test::uniqueName(QStringLiteral("live"));

    MainWindowServices services()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.filePath(QStringLiteral("history.db"));
        s.endpoint = test::privateDaemonEndpoint();
        s.scanOnStart = true;
        s.connectPrompt = [](QWidget*, const DockerEndpoint&) { return std::optional<DockerEndpoint>(); };
        return s;
    }

    // Rows of the (unfiltered) findings table for rule on the object named name.
    static int findingRows(MainWindow& w, const QString& rule, const QString& name)
    {
        QAbstractItemModel* m = w.findings()->table()->model();
        int n = 0;
        for (int r = 0; r < m->rowCount(); ++r) {
            if ((rule.isEmpty() || m->index(r, FindingsModel::RuleColumn).data().toString() == rule) &&
                m->index(r, FindingsModel::ObjectColumn).data().toString().endsWith(QLatin1Char(' ') + name)) {
                ++n;
            }
        }
        return n;
    }

    // Filters are remembered between runs (and tests): start from "everything".
    static void showAllFindings(MainWindow& w)
    {
        for (auto* box : w.findings()->findChildren<QComboBox*>()) {
            box->setCurrentIndex(0);
        }
        w.findings()->searchField()->clear();
    }

    static int containerRow(MainWindow& w, const QString& name)
    {
        QAbstractItemModel* m = w.inventory()->containersTable()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, 0).data(InventoryTableModel::ObjectNameRole).toString() == name) {
                return r;
            }
        }
        return -1;
    }

    static int openCritical(const MainWindow& w)
    {
        return w.lastScan() ? w.lastScan()->findings.countsBySeverity()[static_cast<int>(Severity::Critical)] : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
    }
    void cleanupTestCase()
    {
        test::docker({"rm", "-f", m_name, m_name + QStringLiteral("-renamed"), m_name + QStringLiteral("-up")});
    }

    void aContainerStartedAfterTheScanAppearsAndDisappearsWithoutARescan()
    {
        MainWindow w(services());
        w.show();
        QSignalSpy scans(w.scanController(), &ScanController::finished);
        QVERIFY(scans.wait(60000));
        QVERIFY(w.lastScan());
        showAllFindings(w);
        QVERIFY(w.liveUpdatesAction()->isChecked());
        QTRY_COMPARE_WITH_TIMEOUT(w.eventWatcher()->state(), EventWatcher::State::Live, 20000);
        auto* label = w.findChild<QLabel*>(QStringLiteral("liveUpdatesLabel"));
        QVERIFY(label && label->text().contains(QStringLiteral("Live updates on")));
        QCOMPARE(findingRows(w, {}, m_name), 0);
        QCOMPARE(containerRow(w, m_name), -1);
        const int criticalBefore = openCritical(w);
        const int scansBefore = static_cast<int>(scans.count());

        // Created (this machine's sandbox refuses to start privileged containers; the create event is enough).
        QCOMPARE(test::docker({"create", "--privileged", "--name", m_name, "drydock-test/busybox:1", "sleep", "600"}),
                 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, QStringLiteral("CTR-002"), m_name) == 1, 30000);
        QVERIFY(findingRows(w, QStringLiteral("CTR-001"), m_name) == 1); // runs as root, too
        QTRY_VERIFY_WITH_TIMEOUT(containerRow(w, m_name) >= 0, 10000);
        QAbstractItemModel* containers = w.inventory()->containersTable()->model();
        const QModelIndex badge = containers->index(containerRow(w, m_name), 0);
        QCOMPARE(badge.data(InventoryTableModel::WorstSeverityRole).toInt(), static_cast<int>(Severity::Critical));
        QVERIFY(badge.data().toString().startsWith(QStringLiteral("Critical")));
        QCOMPARE(openCritical(w), criticalBefore + 1);

        // Renamed: its findings and row follow the new name, still without a rescan.
        const QString renamed = m_name + QStringLiteral("-renamed");
        QCOMPARE(test::docker({"rename", m_name, renamed}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, QStringLiteral("CTR-002"), renamed) == 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(containerRow(w, renamed) >= 0, 10000);
        QCOMPARE(findingRows(w, {}, m_name), 0);
        QCOMPARE(test::docker({"rename", renamed, m_name}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, QStringLiteral("CTR-002"), m_name) == 1, 30000);

        // A container that really starts: the start event brings it in too.
        const QString started = m_name + QStringLiteral("-up");
        QCOMPARE(test::docker({"run", "-d", "--name", started, "drydock-test/busybox:1", "sleep", "600"}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, QStringLiteral("CTR-001"), started) == 1, 30000);
        QCOMPARE(test::docker({"rm", "-f", started}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, {}, started) == 0, 30000);

        QCOMPARE(test::docker({"rm", "-f", m_name}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(findingRows(w, {}, m_name) == 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(containerRow(w, m_name), -1, 10000);
        QCOMPARE(openCritical(w), criticalBefore);
        QCOMPARE(static_cast<int>(scans.count()), scansBefore); // no full rescan happened
    }

    void theViewMenuSwitchesLiveUpdatesOff()
    {
        MainWindow w(services());
        QSignalSpy scans(w.scanController(), &ScanController::finished);
        QVERIFY(scans.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(w.eventWatcher()->state(), EventWatcher::State::Live, 20000);
        showAllFindings(w);
        w.liveUpdatesAction()->trigger();
        QVERIFY(!w.liveUpdatesAction()->isChecked());
        QCOMPARE(w.eventWatcher()->state(), EventWatcher::State::Off);

        // Off means off: a new container is not picked up.
        QCOMPARE(test::docker({"create", "--privileged", "--name", m_name, "drydock-test/busybox:1", "sleep", "1"}), 0);
        QTest::qWait(1500);
        QCOMPARE(findingRows(w, {}, m_name), 0);
        test::docker({"rm", "-f", m_name});

        w.liveUpdatesAction()->trigger(); // and on again, remembered for the next start
        QTRY_COMPARE_WITH_TIMEOUT(w.eventWatcher()->state(), EventWatcher::State::Live, 20000);
    }
};

QTEST_MAIN(TestMainWindowLiveUpdates)
#include "TestMainWindowLiveUpdates.moc"
