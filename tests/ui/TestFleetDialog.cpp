// The Endpoints and fleet scan dialog, driven offscreen against scripted daemons: add and remove saved
// endpoints, scan them in parallel, one unreachable, and the history keeps the reachable one's scan; a
// second scan shows what changed since each endpoint's previous one, and unreadable waivers are an error
// with nothing stored, as for `drydock scan --fleet`.
#include "core/store/HistoryStore.h"
#include "tests/support/ScriptedDaemon.h"
#include "ui/dialogs/FleetDialog.h"
#include "ui/widgets/FleetSummaryView.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace drydock;
using namespace drydock::ui;

class TestFleetDialog : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

    static FleetScanner::TransportMaker scripted()
    {
        return [](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
            test::ScriptedDaemon::Options o;
            o.name = e.socketPath.substr(e.socketPath.rfind('/') + 1);
            o.containers = 4;
            o.down = startsWith(o.name, "down");
            return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
        };
    }

    // As scripted(), with as many containers as `containers` holds when each scan starts.
    static FleetScanner::TransportMaker scripted(std::shared_ptr<std::atomic<int>> containers)
    {
        return [containers](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
            test::ScriptedDaemon::Options o;
            o.name = e.socketPath.substr(e.socketPath.rfind('/') + 1);
            o.containers = containers->load();
            o.down = startsWith(o.name, "down");
            return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
        };
    }

    static void scanAndWait(FleetDialog& d)
    {
        auto* scan = d.findChild<QPushButton*>(QStringLiteral("scanFleet"));
        QVERIFY(scan->isEnabled());
        QTest::mouseClick(scan, Qt::LeftButton);
        QVERIFY(!scan->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(scan->isEnabled(), 20000);
    }

    static void add(FleetDialog& d, const QString& name, const QString& host)
    {
        d.findChild<QLineEdit*>(QStringLiteral("endpointName"))->setText(name);
        d.findChild<QLineEdit*>(QStringLiteral("endpointHost"))->setText(host);
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("addEndpoint")), Qt::LeftButton);
    }

private slots:
    void addsScansAndRemovesEndpoints()
    {
        QTemporaryDir dir;
        const QString db = dir.path() + "/history.db";
        const QString file = dir.path() + "/endpoints.json";
        FleetDialog dialog(m_catalogue, db, file, scripted());
        dialog.show();
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("savedEndpoints"));
        auto* scan = dialog.findChild<QPushButton*>(QStringLiteral("scanFleet"));
        auto* message = dialog.findChild<QLabel*>(QStringLiteral("fleetMessage"));
        QCOMPARE(list->count(), 0);
        QVERIFY(!scan->isEnabled());
        QVERIFY(!dialog.exportButton()->isEnabled()); // nothing to export before a fleet scan

        add(dialog, QStringLiteral("alpha"), QStringLiteral("unix:///scripted/alpha"));
        add(dialog, QStringLiteral("down-b"), QStringLiteral("unix:///scripted/down-b"));
        QCOMPARE(list->count(), 2);
        add(dialog, QStringLiteral("bad name"), QStringLiteral("unix:///scripted/x"));
        QCOMPARE(list->count(), 2);
        QVERIFY2(message->text().contains(QStringLiteral("without spaces")), qPrintable(message->text()));
        QVERIFY(scan->isEnabled());

        QTest::mouseClick(scan, Qt::LeftButton);
        QTableWidget* table = dialog.summaryView()->endpointTable();
        QTRY_VERIFY_WITH_TIMEOUT(scan->isEnabled(), 20000);
        QVERIFY(dialog.exportButton()->isEnabled());
        QVERIFY(!table->isColumnHidden(FleetSummaryView::NameColumn)); // saved endpoints have names
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, FleetSummaryView::NameColumn)->text(), QStringLiteral("alpha"));
        QVERIFY2(table->item(0, FleetSummaryView::StatusColumn)->text().startsWith(QStringLiteral("scan ")),
                 qPrintable(table->item(0, FleetSummaryView::StatusColumn)->text()));
        QVERIFY(!table->item(0, FleetSummaryView::ScoreColumn)->text().isEmpty());
        QCOMPARE(table->item(1, FleetSummaryView::StatusColumn)->text(), QStringLiteral("unreachable"));
        QVERIFY(
            table->item(1, FleetSummaryView::StatusColumn)->toolTip().contains(QStringLiteral("dockerd")));
        QVERIFY(dialog.summaryView()->worstTable()->rowCount() > 0);
        QCOMPARE(dialog.summaryView()->worstTable()->item(0, 2)->text(), QStringLiteral("alpha"));

        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto scans = store.value()->scans().list();
        QVERIFY(scans.ok());
        QCOMPARE(scans->size(), std::size_t(1));
        QCOMPARE(scans->front().endpoint, std::string("unix:///scripted/alpha"));

        list->setCurrentRow(1);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("removeEndpoint")), Qt::LeftButton);
        QCOMPARE(list->count(), 1);
        auto saved = EndpointStore(file.toStdString()).load();
        QVERIFY(saved.ok());
        QCOMPARE(saved->size(), std::size_t(1));
        QCOMPARE(saved->front().name, std::string("alpha"));
    }

    void aSecondFleetScanShowsWhatChangedSinceEachEndpointsPreviousScan()
    {
        QTemporaryDir dir;
        const QString db = dir.path() + "/history.db";
        auto containers = std::make_shared<std::atomic<int>>(2);
        FleetDialog dialog(m_catalogue, db, dir.path() + "/endpoints.json", scripted(containers));
        dialog.show();
        add(dialog, QStringLiteral("alpha"), QStringLiteral("unix:///scripted/alpha"));
        add(dialog, QStringLiteral("down-b"), QStringLiteral("unix:///scripted/down-b"));
        QTableWidget* table = dialog.summaryView()->endpointTable();
        QVERIFY(!table->isColumnHidden(FleetSummaryView::ChangesColumn));

        scanAndWait(dialog);
        QCOMPARE(table->item(0, FleetSummaryView::ChangesColumn)->text(), QStringLiteral("first scan"));
        QVERIFY(table->item(1, FleetSummaryView::ChangesColumn)->text().isEmpty()); // unreachable

        containers->store(4); // two more containers on alpha: new findings
        scanAndWait(dialog);
        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto scans = store.value()->scans().list(); // newest first
        QVERIFY(scans.ok());
        QCOMPARE(scans->size(), std::size_t(2));
        const std::int64_t before = scans.value()[1].id;
        const std::int64_t after = scans.value()[0].id;
        auto delta = store.value()->scans().delta(before, after);
        QVERIFY(delta.ok());
        QVERIFY(!delta->newFindings.empty());
        QCOMPARE(table->item(0, FleetSummaryView::ChangesColumn)->text(),
                 QStringLiteral("+%1 new, −%2 resolved")
                     .arg(delta->newFindings.size())
                     .arg(delta->resolved.size()));
        QVERIFY2(table->item(0, FleetSummaryView::ChangesColumn)->toolTip().contains(QString::number(before)),
                 qPrintable(table->item(0, FleetSummaryView::ChangesColumn)->toolTip()));
        const QString status = table->item(0, FleetSummaryView::StatusColumn)->text();
        QVERIFY2(status.startsWith(QStringLiteral("scan %1").arg(after)), qPrintable(status));
        const QString message = dialog.findChild<QLabel*>(QStringLiteral("fleetMessage"))->text();
        QCOMPARE(message, QStringLiteral("Fleet scan finished."));

        scanAndWait(dialog); // nothing changed on alpha since
        QCOMPARE(table->item(0, FleetSummaryView::ChangesColumn)->text(), QStringLiteral("no change"));
        QVERIFY2(table->item(0, FleetSummaryView::ChangesColumn)->toolTip().contains(QString::number(after)),
                 qPrintable(table->item(0, FleetSummaryView::ChangesColumn)->toolTip()));
    }

    void unreadableWaiversStopTheFleetScanWithAnErrorAndStoreNothing()
    {
        QTemporaryDir dir;
        const QString db = dir.path() + "/history.db";
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            // The database opens, but it has no waivers to read.
            QVERIFY(store.value()->database().exec("DROP TABLE waivers").ok());
        }
        FleetDialog dialog(m_catalogue, db, dir.path() + "/endpoints.json", scripted());
        dialog.show();
        add(dialog, QStringLiteral("alpha"), QStringLiteral("unix:///scripted/alpha"));
        scanAndWait(dialog);

        const QString message = dialog.findChild<QLabel*>(QStringLiteral("fleetMessage"))->text();
        QVERIFY2(message.startsWith(QStringLiteral("Fleet scan failed: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("waivers in the history could not be read")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("nothing was stored")), qPrintable(message));
        // No fleet view to export as if the waivers had been applied.
        QVERIFY(!dialog.exportButton()->isEnabled());
        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto scans = store.value()->scans().list();
        QVERIFY(scans.ok());
        QVERIFY(scans->empty());
    }
};

QTEST_MAIN(TestFleetDialog)
#include "TestFleetDialog.moc"
