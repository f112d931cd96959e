// The fleet on the Dashboard: once the history holds scans of more than one endpoint, the history controller
// delivers every endpoint's latest scan and the fleet trend, the dashboard shows them side by side with a
// Fleet tab in the trend chart, and the fleet view exports to PDF, HTML and JSON that read back.
#include "core/store/HistoryStore.h"
#include "ui/bridge/HistoryController.h"
#include "ui/export/FleetReportExport.h"
#include "ui/pages/DashboardPage.h"
#include "ui/widgets/FleetSummaryView.h"

#include "tests/support/HistoryFixtures.h"

#include <QDateTime>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

// A container finding whose evidence names a masked secret (the history tests' fixture).
Finding finding(const std::string& rule, const std::string& object, Severity s)
{
    return test::historyFinding(rule, object, s, "Config.Env DB_PASSWORD=****** (under 8 chars, password)");
}

// A scan of endpoint at `at` with three containers (the history tests' fixture).
ScanResult scanOf(std::vector<Finding> findings, std::int64_t at, const std::string& endpoint)
{
    ScanResult r = test::historyScan(std::move(findings), at, endpoint);
    r.inventory.containers.resize(3);
    return r;
}

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestDashboardFleet : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static HistorySnapshot refresh(const QString& db)
    {
        HistoryController controller(db);
        HistorySnapshot snapshot;
        QString error;
        bool done = false;
        connect(&controller, &HistoryController::refreshed, &controller, [&](const HistorySnapshot& s) {
            snapshot = s;
            done = true;
        });
        connect(&controller, &HistoryController::failed, &controller, [&](const QString& message) {
            error = message;
            done = true;
        });
        controller.refresh();
        if (!QTest::qWaitFor([&] { return done; }, 20000)) {
            qWarning("the history did not answer within 20 s");
        }
        if (!error.isEmpty()) {
            qWarning("refresh failed: %s", qPrintable(error));
        }
        return snapshot;
    }

private slots:
    void oneEndpointShowsNoFleet()
    {
        const QString db = m_dir.filePath(QStringLiteral("one.db"));
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            QVERIFY(store.value()->scans().save(scanOf({finding("CTR-001", "a", Severity::High)}, now - 60, "unix:///a.sock")));
        }
        const HistorySnapshot snap = refresh(db);
        QCOMPARE(snap.scans.size(), std::size_t(1));
        QVERIFY(!snap.fleet);
        DashboardPage dashboard;
        dashboard.show();
        dashboard.setFleet(snap.fleet, snap.fleetTrend);
        QVERIFY(!dashboard.fleetBox()->isVisible());
        QVERIFY(!dashboard.trendTabs()->isTabEnabled(1));
    }

    void twoEndpointsShowTheFleetSideBySide()
    {
        const QString db = m_dir.filePath(QStringLiteral("two.db"));
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY(store.ok());
            auto& scans = store.value()->scans();
            QVERIFY(scans.save(scanOf({finding("CTR-002", "old", Severity::Critical)}, now - 3 * 86400, "tcp://127.0.0.1:2376")));
            QVERIFY(scans.save(scanOf({finding("CTR-009", "web", Severity::Low)}, now - 86400, "tcp://127.0.0.1:2376")));
            QVERIFY(scans.save(scanOf({finding("CTR-001", "db", Severity::High), finding("SEC-001", "db", Severity::Medium)},
                                      now - 60, "unix:///a.sock")));
        }
        const HistorySnapshot snap = refresh(db);
        QVERIFY(snap.fleet);
        QCOMPARE(snap.fleet->endpoints.size(), std::size_t(2));
        QVERIFY(snap.fleetTrend.size() >= 2);

        DashboardPage dashboard;
        dashboard.resize(1200, 900);
        dashboard.show();
        dashboard.setFleet(snap.fleet, snap.fleetTrend);
        QVERIFY(dashboard.fleetBox()->isVisible());
        QVERIFY(dashboard.fleetBox()->title().contains(QStringLiteral("2 endpoint")));
        QVERIFY(dashboard.trendTabs()->isTabEnabled(1));
        QTableWidget* table = dashboard.fleetView()->endpointTable();
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(table->isColumnHidden(FleetSummaryView::NameColumn)); // the history knows addresses only
        QCOMPARE(table->item(0, FleetSummaryView::AddressColumn)->text(), QStringLiteral("tcp://127.0.0.1:2376"));
        QCOMPARE(table->item(0, FleetSummaryView::CriticalColumn)->text(), QStringLiteral("0")); // the latest scan counts
        QCOMPARE(table->item(0, FleetSummaryView::LowColumn)->text(), QStringLiteral("1"));
        QVERIFY2(table->item(1, FleetSummaryView::StatusColumn)->text().startsWith(QStringLiteral("scan ")),
                 qPrintable(table->item(1, FleetSummaryView::StatusColumn)->text()));
        QTableWidget* worst = dashboard.fleetView()->worstTable();
        QCOMPARE(worst->rowCount(), 3);
        QCOMPARE(worst->item(0, 1)->text(), QStringLiteral("CTR-001"));
        QCOMPARE(worst->item(0, 2)->text(), QStringLiteral("unix:///a.sock"));

        QSignalSpy scanRequested(&dashboard, &DashboardPage::fleetScanRequested);
        QSignalSpy exportRequested(&dashboard, &DashboardPage::fleetExportRequested);
        QTest::mouseClick(dashboard.findChild<QPushButton*>(QStringLiteral("scanFleet")), Qt::LeftButton);
        QTest::mouseClick(dashboard.findChild<QPushButton*>(QStringLiteral("exportFleet")), Qt::LeftButton);
        QCOMPARE(scanRequested.count(), 1);
        QCOMPARE(exportRequested.count(), 1);

        // The fleet view in each export format, read back.
        const QString pdf = m_dir.filePath(QStringLiteral("fleet.pdf"));
        auto written = writeFleetReport(*snap.fleet, now, pdf);
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY2(text.contains(QStringLiteral("Drydock fleet report")), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("Posture per endpoint")));
        QVERIFY(text.contains(QStringLiteral("tcp://127.0.0.1:2376")));
        QVERIFY(text.contains(QStringLiteral("Worst open findings across the fleet")));
        QVERIFY(text.contains(QStringLiteral("DB_PASSWORD=******")));
        QVERIFY(!text.contains(QStringLiteral("hunter")));
        QVERIFY(run(QStringLiteral("pdffonts"), {pdf}).contains(QStringLiteral("DejaVu")));

        const QString json = m_dir.filePath(QStringLiteral("fleet.json"));
        QVERIFY(writeFleetReport(*snap.fleet, now, json));
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jf.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("kind")).toString(), QStringLiteral("fleet"));
        QCOMPARE(root.value(QStringLiteral("endpoints")).toArray().size(), 2);

        const QString html = m_dir.filePath(QStringLiteral("fleet.html"));
        QVERIFY(writeFleetReport(*snap.fleet, now, html));
        QFile hf(html);
        QVERIFY(hf.open(QIODevice::ReadOnly));
        QVERIFY(hf.readAll().contains("<h2 id=\"endpoints\">Posture per endpoint</h2>"));

        // An unwritable place is a clear error and leaves nothing behind.
        auto refused = writeFleetReport(*snap.fleet, now, QStringLiteral("/nonexistent-dir/fleet.html"));
        QVERIFY(!refused);
        QVERIFY(refused.error().message.find("Cannot write") != std::string::npos);
    }
};

QTEST_MAIN(TestDashboardFleet)
#include "TestDashboardFleet.moc"
