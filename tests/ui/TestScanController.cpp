// The GUI's single-endpoint scan records through the same ScanRecorder as `drydock scan`, against a scripted
// daemon: the history's waivers applied and the scan stored; waivers that cannot be read end the scan in
// the window's error message with nothing stored, as the command line does.
#include "core/store/HistoryStore.h"
#include "tests/support/ScriptedDaemon.h"
#include "ui/MainWindow.h"
#include "ui/bridge/ScanController.h"
#include "ui/widgets/InlineMessage.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

DockerEndpoint scriptedEndpoint()
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/scripted/alpha";
    return e;
}

FleetScanner::TransportMaker scripted()
{
    return [](const DockerEndpoint&) -> Result<std::unique_ptr<Transport>> {
        test::ScriptedDaemon::Options o;
        o.name = "alpha";
        o.containers = 3;
        return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
    };
}

ScanOutcome scanOnce(ScanController& controller)
{
    QSignalSpy finished(&controller, &ScanController::finished);
    controller.start();
    if (!finished.wait(30000)) {
        return {};
    }
    return finished.first().first().value<ScanOutcome>();
}

} // namespace

class TestScanController : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aScanIsStoredWithTheHistorysWaivers()
    {
        QTemporaryDir dir;
        const QString db = dir.path() + "/history.db";
        ScanController controller(m_catalogue, db);
        controller.setEndpoint(scriptedEndpoint());
        controller.setTransportMaker(scripted());
        const ScanOutcome first = scanOnce(controller);
        QVERIFY2(first.result, qPrintable(first.error));
        QVERIFY(first.scanId > 0);
        QCOMPARE(first.result->findings.waivedCount(), 0);

        const std::string rule = first.result->findings.all().front().ruleId;
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            Waiver w;
            w.scope = Waiver::Scope::Rule;
            w.ruleId = rule;
            w.reason = "accepted for the test";
            w.createdAtUnix = 1;
            QVERIFY(store.value()->waivers().add(w).ok());
        }
        const ScanOutcome second = scanOnce(controller);
        QVERIFY2(second.result, qPrintable(second.error));
        QVERIFY(second.scanId > first.scanId);
        QVERIFY(second.result->findings.waivedCount() > 0);
        for (const auto& f : second.result->findings.all()) {
            QCOMPARE(f.waiver.has_value(), f.ruleId == rule);
        }
        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto stored = store.value()->scans().load(second.scanId);
        QVERIFY(stored.ok());
        QCOMPARE(stored->summary.waived, second.result->findings.waivedCount());
    }

    void unreadableWaiversShowAnErrorAndStoreNothing()
    {
        QTemporaryDir dir;
        const QString db = dir.path() + "/history.db";
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            // The database opens, but it has no waivers to read.
            QVERIFY(store.value()->database().exec("DROP TABLE waivers").ok());
        }
        MainWindowServices services;
        services.catalogue = &m_catalogue;
        services.databasePath = db;
        services.endpoint = scriptedEndpoint();
        services.scanOnStart = false;
        MainWindow w(services);
        w.scanController()->setTransportMaker(scripted());
        w.show();
        QSignalSpy finished(w.scanController(), &ScanController::finished);
        w.scanAction()->trigger();
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.first().first().value<ScanOutcome>();
        QVERIFY(!outcome.result);
        QVERIFY(!outcome.cancelled);
        QVERIFY2(outcome.error.contains(QStringLiteral("waivers in the history could not be read")),
                 qPrintable(outcome.error));
        QVERIFY(w.message()->isVisible());
        QVERIFY2(w.message()->text().contains(QStringLiteral("nothing was stored")),
                 qPrintable(w.message()->text()));
        QVERIFY(!w.lastScan()); // nothing shown as if waivers had been applied

        auto store = HistoryStore::open(db.toStdString());
        QVERIFY(store.ok());
        auto scans = store.value()->scans().list();
        QVERIFY(scans.ok());
        QVERIFY(scans->empty());
    }
};

QTEST_MAIN(TestScanController)
#include "TestScanController.moc"
