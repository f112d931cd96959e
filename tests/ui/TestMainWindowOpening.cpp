// Opening the window on a daemon the history knows: the last stored scan of that daemon is shown at once,
// read-only and marked as stored, while the new scan still waits on the daemon (a gate the test opens); the
// live scan then replaces it with the filters, the sort and the selected finding kept. Another daemon's
// stored scan is never shown, and a daemon that cannot be reached leaves the stored scan in view beside the
// error.
#include "core/results/PostureScore.h"
#include "tests/support/ScriptedDaemon.h"
#include "ui/MainWindow.h"
#include "ui/bridge/HistoryController.h"
#include "ui/bridge/ScanController.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace drydock;
using namespace drydock::ui;

namespace {

DockerEndpoint endpointNamed(const QString& name)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/scripted/" + name.toStdString();
    return e;
}

// A scripted daemon that answers nothing until the test opens its gate (or the request is cancelled): the
// window's own scan is held "still reading the daemon" for as long as the test needs.
class GatedDaemon final : public Transport
{
public:
    GatedDaemon(test::ScriptedDaemon::Options options, std::shared_ptr<std::atomic<bool>> gate)
        : m_daemon(std::move(options)), m_gate(std::move(gate))
    {
    }
    Result<HttpResponse> send(const HttpRequest& request) override
    {
        wait(request.cancel);
        return m_daemon.send(request);
    }
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override
    {
        wait(requests.empty() ? CancelToken() : requests.front().cancel);
        return m_daemon.sendAll(requests);
    }
    Result<void> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onChunk,
                        const CancelToken& cancel) override
    {
        return m_daemon.stream(request, onChunk, cancel);
    }
    std::string describe() const override { return m_daemon.describe(); }

private:
    void wait(const CancelToken& cancel) const
    {
        while (!m_gate->load() && !cancel.isCancelled()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    test::ScriptedDaemon m_daemon;
    std::shared_ptr<std::atomic<bool>> m_gate;
};

FleetScanner::TransportMaker gated(std::shared_ptr<std::atomic<bool>> gate, bool down = false)
{
    return [gate, down](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
        test::ScriptedDaemon::Options o;
        o.name = e.socketPath.substr(e.socketPath.rfind('/') + 1);
        o.containers = 3;
        o.down = down;
        return std::unique_ptr<Transport>(std::make_unique<GatedDaemon>(o, gate));
    };
}

std::shared_ptr<std::atomic<bool>> openGate()
{
    return std::make_shared<std::atomic<bool>>(true);
}

int rows(const MainWindow& w)
{
    return w.findings()->filterModel()->rowCount();
}

} // namespace

class TestMainWindowOpening : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::unique_ptr<QTemporaryDir> m_dir;

    QString db() const { return m_dir->path() + QStringLiteral("/history.db"); }

    // One scan of a scripted daemon stored in the history, as an earlier run of the window left it.
    ScanOutcome storeScanOf(const QString& name)
    {
        ScanController controller(m_catalogue, db());
        controller.setEndpoint(endpointNamed(name));
        controller.setTransportMaker(gated(openGate()));
        QSignalSpy finished(&controller, &ScanController::finished);
        controller.start();
        if (!finished.wait(30000)) {
            return {};
        }
        return finished.first().first().value<ScanOutcome>();
    }

    MainWindowServices servicesFor(const QString& name) const
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = db();
        s.endpoint = endpointNamed(name);
        s.scanOnStart = false; // started by the test once its transport is in place
        return s;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
    }

    void openingShowsOnlyThatDaemonsStoredScan_data()
    {
        QTest::addColumn<QString>("storedDaemon");
        QTest::addColumn<bool>("shownAtOnce");
        QTest::newRow("the last scan of the daemon being opened is shown while its new scan runs")
            << QStringLiteral("alpha") << true;
        QTest::newRow("another daemon's stored scan is not shown, the table waits for the new scan")
            << QStringLiteral("beta") << false;
    }

    void openingShowsOnlyThatDaemonsStoredScan()
    {
        QFETCH(QString, storedDaemon);
        QFETCH(bool, shownAtOnce);
        const ScanOutcome stored = storeScanOf(storedDaemon);
        QVERIFY2(stored.result && stored.scanId > 0, qPrintable(stored.error));
        const int storedFindings = static_cast<int>(stored.result->findings.size());
        QVERIFY(storedFindings > 0);

        auto gate = std::make_shared<std::atomic<bool>>(false);
        MainWindow w(servicesFor(QStringLiteral("alpha")));
        QSignalSpy latest(w.historyController(), &HistoryController::latestOpened);
        w.scanController()->setTransportMaker(gated(gate));
        w.show();
        w.startScan();
        auto* banner = w.findings()->findChild<QLabel*>(QStringLiteral("readOnlyBanner"));
        QVERIFY(banner);
        if (shownAtOnce) {
            QTRY_COMPARE_WITH_TIMEOUT(latest.count(), 1, 30000);
            QVERIFY(w.scanController()->isRunning()); // the daemon has not answered yet
            QCOMPARE(rows(w), storedFindings);
            QVERIFY(w.findings()->showsStoredScan());
            QVERIFY2(banner->text().contains(QStringLiteral("Last stored scan %1").arg(stored.scanId)),
                     qPrintable(banner->text()));
            // The score the stored scan had when it was live: the history's object counts stand in for the
            // inventory it does not keep.
            const auto& inv = stored.result->inventory;
            const int objects = static_cast<int>(inv.containers.size() + inv.images.size() +
                                                 inv.networks.size() + inv.volumes.size());
            QCOMPARE(w.dashboard()->scoreLabel()->text(),
                     QString::number(PostureScore::compute(stored.result->findings, objects).score));
            QVERIFY(!w.lastScan()); // nothing live yet: live updates and exports of "the last scan" wait
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(latest.count(), 1, 30000); // asked, and the history has none of alpha
            QVERIFY(w.scanController()->isRunning());
            QCOMPARE(rows(w), 0);
            QVERIFY(!w.findings()->showsStoredScan());
            QVERIFY(banner->isHidden());
        }

        QSignalSpy finished(w.scanController(), &ScanController::finished);
        gate->store(true);
        QVERIFY(finished.wait(30000));
        QVERIFY(w.lastScan());
        QCOMPARE(rows(w), static_cast<int>(w.lastScan()->findings.size()));
        QVERIFY(!w.findings()->showsStoredScan());
        QVERIFY(banner->isHidden());
    }

    void theLiveScanReplacesTheStoredOneKeepingFiltersSortAndSelection()
    {
        QVERIFY(storeScanOf(QStringLiteral("alpha")).result);
        auto gate = std::make_shared<std::atomic<bool>>(false);
        MainWindow w(servicesFor(QStringLiteral("alpha")));
        w.scanController()->setTransportMaker(gated(gate));
        w.show();
        w.startScan();
        QTRY_VERIFY_WITH_TIMEOUT(w.findings()->showsStoredScan(), 30000);
        w.findings()->severityFilter()->setCurrentIndex(3); // high and above
        w.findings()->table()->sortByColumn(FindingsModel::RuleColumn, Qt::AscendingOrder);
        QVERIFY(rows(w) > 1);
        w.findings()->table()->setCurrentIndex(w.findings()->filterModel()->index(1, 0));
        QVERIFY(w.findings()->currentFinding());
        const Finding reading = *w.findings()->currentFinding();

        QSignalSpy finished(w.scanController(), &ScanController::finished);
        gate->store(true);
        QVERIFY(finished.wait(30000));
        QVERIFY(!w.findings()->showsStoredScan());
        QCOMPARE(w.findings()->severityFilter()->currentIndex(), 3);
        QCOMPARE(w.findings()->table()->horizontalHeader()->sortIndicatorSection(),
                 int(FindingsModel::RuleColumn));
        QCOMPARE(w.findings()->table()->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        // The finding being read is still selected, now the live scan's copy of it.
        const Finding* current = w.findings()->currentFinding();
        QVERIFY(current);
        QCOMPARE(current->ruleId, reading.ruleId);
        QCOMPARE(current->object.name, reading.object.name);
        QCOMPARE(current->discriminator, reading.discriminator);
        QVERIFY(current >= &w.lastScan()->findings.all().front() &&
                current <= &w.lastScan()->findings.all().back());
        int highOrAbove = 0;
        for (const auto& f : w.lastScan()->findings.all()) {
            highOrAbove += f.severity >= Severity::High ? 1 : 0;
        }
        QVERIFY(highOrAbove > 0);
        QCOMPARE(rows(w), highOrAbove);
        const auto* filter = w.findings()->filterModel();
        for (int row = 1; row < filter->rowCount(); ++row) {
            QVERIFY(filter->index(row - 1, FindingsModel::RuleColumn).data().toString() <=
                    filter->index(row, FindingsModel::RuleColumn).data().toString());
        }
    }

    void aDaemonThatCannotBeReachedLeavesTheStoredScanInView()
    {
        const ScanOutcome stored = storeScanOf(QStringLiteral("alpha"));
        QVERIFY(stored.result);
        MainWindow w(servicesFor(QStringLiteral("alpha")));
        w.scanController()->setTransportMaker(gated(openGate(), /*down=*/true));
        QSignalSpy latest(w.historyController(), &HistoryController::latestOpened);
        QSignalSpy finished(w.scanController(), &ScanController::finished);
        w.show();
        w.startScan();
        QVERIFY(finished.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(latest.count(), 1, 30000);
        QVERIFY(!finished.first().first().value<ScanOutcome>().result);
        QVERIFY(w.message()->isVisible());
        QVERIFY(w.findings()->showsStoredScan());
        QCOMPARE(rows(w), static_cast<int>(stored.result->findings.size()));
    }
};

QTEST_MAIN(TestMainWindowOpening)
#include "TestMainWindowOpening.moc"
