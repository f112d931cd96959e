// A first scan of a daemon (nothing stored of it) shows its findings while it runs: rows arrive in the
// Findings table between the scan's batches (a gate on the scanning thread holds the scan there), are
// appended without a reset, keep the selection, and the finished scan replaces them without moving a row. A
// cancelled scan leaves its rows marked as incomplete; the next scan replaces them. A finished list on screen
// never takes a rescan's rows.
#include "tests/support/ScriptedDaemon.h"
#include "ui/MainWindow.h"
#include "ui/bridge/ScanController.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/pages/FindingsPage.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace drydock;
using namespace drydock::ui;

namespace {

constexpr int kContainers = 200; // batches after 64 and 200 containers, then the other objects: 3

// Holds the scanning thread after chosen batches until the test lets it go (or a minute passes).
struct BatchGate
{
    std::atomic<int> batches{0};
    std::atomic<int> holdAfter{0}; // hold after this batch (1-based); 0: never
    std::atomic<int> released{0};  // the last batch let go

    ScanController::BatchObserver observer()
    {
        return [this](const ScanBatch&) {
            const int n = ++batches;
            const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
            while (n == holdAfter.load() && released.load() < n && std::chrono::steady_clock::now() < until) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        };
    }
};

int rows(const MainWindow& w)
{
    return w.findings()->filterModel()->rowCount();
}

QString keyOf(const Finding* f)
{
    return f ? QString::fromStdString(f->ruleId + " " + f->object.name + " " + f->discriminator) : QString();
}

// The keys of the rows shown in the table, top to bottom.
QStringList shownKeys(const MainWindow& w)
{
    const QTableView* table = w.findings()->table();
    const auto* filter = w.findings()->filterModel();
    const auto* model = static_cast<const FindingsModel*>(filter->sourceModel());
    QStringList keys;
    for (int row = table->rowAt(0); row >= 0 && row < filter->rowCount(); ++row) {
        if (table->rowViewportPosition(row) > table->viewport()->height()) {
            break;
        }
        keys << keyOf(model->findingAt(filter->mapToSource(filter->index(row, 0)).row()));
    }
    return keys;
}

QString statusText(const MainWindow& w)
{
    QStringList texts;
    for (const QLabel* label : w.statusBar()->findChildren<QLabel*>()) {
        texts << label->text();
    }
    return texts.join(QLatin1Char('|'));
}

QString bannerText(const MainWindow& w)
{
    const auto* banner = w.findings()->findChild<QLabel*>(QStringLiteral("readOnlyBanner"));
    return banner && banner->isVisible() ? banner->text() : QString();
}

} // namespace

class TestProgressiveScan : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::unique_ptr<QTemporaryDir> m_dir;
    BatchGate m_gate;

    std::unique_ptr<MainWindow> openWindow()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir->path() + QStringLiteral("/history.db");
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = "/scripted/first-run";
        s.endpoint = e;
        s.scanOnStart = false; // started by the test once its transport and gate are in place
        auto w = std::make_unique<MainWindow>(s);
        w->scanController()->setTransportMaker(
            [](const DockerEndpoint&) -> Result<std::unique_ptr<Transport>> {
                test::ScriptedDaemon::Options o;
                o.name = "first-run";
                o.containers = kContainers;
                return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
            });
        w->scanController()->setBatchObserver(m_gate.observer());
        w->resize(1200, 800);
        w->show();
        w->showPage(MainWindow::FindingsPageIndex);
        return w;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_gate.batches = 0;
        m_gate.holdAfter = 0;
        m_gate.released = 0;
    }

    void rowsArriveWhileTheScanRunsAndTheFinishedScanMovesNothing()
    {
        auto w = openWindow();
        QSignalSpy finished(w->scanController(), &ScanController::finished);
        m_gate.holdAfter = 1;
        w->startScan();

        // The first batch (64 containers) is in the table while the scan is held after it.
        QTRY_VERIFY_WITH_TIMEOUT(rows(*w) > 0, 60000);
        QCOMPARE(finished.count(), 0);
        const int firstRows = rows(*w);
        QVERIFY2(statusText(*w).contains(QStringLiteral("64 of 200 containers")), qPrintable(statusText(*w)));
        QVERIFY2(bannerText(*w).contains(QStringLiteral("Scan in progress")), qPrintable(bannerText(*w)));
        QVERIFY(w->findings()->showsStoredScan()); // read-only: waiving waits for the finished scan

        QTableView* table = w->findings()->table();
        table->setCurrentIndex(w->findings()->filterModel()->index(3, 0));
        const QString reading = keyOf(w->findings()->currentFinding());
        QVERIFY(!reading.isEmpty());
        QSignalSpy resets(w->findings()->filterModel(), &QAbstractItemModel::modelReset);

        // The other batches are appended: more rows, no reset, the same finding selected.
        m_gate.holdAfter = 3; // the last one: the other objects
        m_gate.released = 1;
        QTRY_VERIFY_WITH_TIMEOUT(m_gate.batches.load() == 3, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(statusText(*w).contains(QStringLiteral("200 of 200 containers")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rows(*w) > firstRows, 10000);
        QTest::qWait(400); // every coalesced delivery is in
        QCOMPARE(finished.count(), 0);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(keyOf(w->findings()->currentFinding()), reading);
        const int partialRows = rows(*w);
        table->scrollTo(table->currentIndex(), QAbstractItemView::PositionAtCenter);
        const QStringList before = shownKeys(*w);
        const int y = table->visualRect(table->currentIndex()).y();
        QVERIFY(before.size() > 5);

        // The finished scan: the same rows (the batches were all of it), nothing moved, the selection kept.
        m_gate.released = 3;
        QVERIFY(finished.wait(60000));
        const auto outcome = finished.first().first().value<ScanOutcome>();
        QVERIFY2(outcome.result, qPrintable(outcome.error));
        QCOMPARE(rows(*w), static_cast<int>(outcome.result->findings.size()));
        QCOMPARE(rows(*w), partialRows);
        QCOMPARE(keyOf(w->findings()->currentFinding()), reading);
        QCOMPARE(shownKeys(*w), before);
        QCOMPARE(table->visualRect(table->currentIndex()).y(), y);
        QCOMPARE(bannerText(*w), QString());
        QVERIFY(!w->findings()->showsStoredScan());
    }

    void aCancelledScanKeepsItsRowsMarkedIncomplete()
    {
        auto w = openWindow();
        QSignalSpy finished(w->scanController(), &ScanController::finished);
        m_gate.holdAfter = 1;
        w->startScan();
        QTRY_VERIFY_WITH_TIMEOUT(rows(*w) > 0, 60000);
        const int shown = rows(*w);

        w->cancelAction()->trigger();
        m_gate.released = 1;
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().first().value<ScanOutcome>().cancelled);
        QCOMPARE(m_gate.batches.load(), 1); // the scan stopped before its next slice
        // What was read stays, marked: the user may have been reading one of those rows.
        QCOMPARE(rows(*w), shown);
        QVERIFY2(bannerText(*w).contains(QStringLiteral("cancelled after 64 of 200 containers")),
                 qPrintable(bannerText(*w)));
        QVERIFY(w->findings()->showsStoredScan());

        // The next scan replaces them (no rows of two scans mixed) and ends with the whole list.
        finished.clear();
        m_gate.holdAfter = 1;
        m_gate.batches = 0;
        m_gate.released = 0;
        w->startScan();
        QTRY_VERIFY_WITH_TIMEOUT(bannerText(*w).contains(QStringLiteral("Scan in progress")), 60000);
        QCOMPARE(rows(*w), shown); // the new scan's first 64 containers, not the old ones twice
        m_gate.released = 1;
        QVERIFY(finished.wait(60000));
        const auto outcome = finished.first().first().value<ScanOutcome>();
        QVERIFY2(outcome.result, qPrintable(outcome.error));
        QCOMPARE(rows(*w), static_cast<int>(outcome.result->findings.size()));
        QCOMPARE(bannerText(*w), QString());
    }

    void aBusyGuiThreadGetsTheBatchesInOneCall()
    {
        // The GUI thread does not look at its events until the scan has handed over all its batches: they
        // arrive as one findingsArrived (not a queue of calls), before finished, holding everything the scan
        // found.
        ScanController controller(m_catalogue, m_dir->path() + QStringLiteral("/history.db"));
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = "/scripted/first-run";
        controller.setEndpoint(e);
        controller.setTransportMaker([](const DockerEndpoint&) -> Result<std::unique_ptr<Transport>> {
            test::ScriptedDaemon::Options o;
            o.containers = kContainers;
            return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
        });
        controller.setBatchObserver(m_gate.observer());
        std::vector<std::string> order;
        std::size_t delivered = 0;
        connect(&controller, &ScanController::findingsArrived, this,
                [&](const std::shared_ptr<const std::vector<Finding>>& findings, int done, int total) {
                    order.push_back("findings " + std::to_string(done) + "/" + std::to_string(total));
                    delivered += findings->size();
                });
        std::size_t found = 0;
        connect(&controller, &ScanController::finished, this, [&](const ScanOutcome& outcome) {
            order.push_back("finished");
            found = outcome.result ? outcome.result->findings.size() : 0;
        });
        controller.start();
        const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (m_gate.batches.load() < 3 && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5)); // busy: no events processed
        }
        QCOMPARE(m_gate.batches.load(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), std::size_t(2), 60000);
        QCOMPARE(order, (std::vector<std::string>{"findings 200/200", "finished"}));
        QVERIFY(found > 0);
        QCOMPARE(delivered, found);
        QTest::qWait(300); // nothing after finished, not even the interval's second look
        QCOMPARE(order.size(), std::size_t(2));
    }

    void aFinishedListOnScreenWaitsForTheRescan()
    {
        auto w = openWindow();
        QSignalSpy finished(w->scanController(), &ScanController::finished);
        w->startScan();
        QVERIFY(finished.wait(60000));
        const int all = rows(*w);
        QVERIFY(all > 0);

        finished.clear();
        m_gate.batches = 0;
        m_gate.holdAfter = 1;
        m_gate.released = 0;
        w->startScan();
        QTRY_VERIFY_WITH_TIMEOUT(m_gate.batches.load() == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(statusText(*w).contains(QStringLiteral("64 of 200 containers")), 10000);
        QCOMPARE(rows(*w), all); // the rescan's first findings are not added to the finished list
        QCOMPARE(bannerText(*w), QString());
        m_gate.released = 1;
        QVERIFY(finished.wait(60000));
        QCOMPARE(rows(*w), all);
    }
};

QTEST_MAIN(TestProgressiveScan)
#include "TestProgressiveScan.moc"
