// The Dashboard's action boxes and trend: the worst objects as a sortable table that opens an object on click
// or Enter, the Fix first and Quick wins boxes filled from the report's own ranking, and the trend chart's
// days — each scan drawn on the tick of the local date it was taken on, whatever the hour and time zone.
#include "core/report/FixPriorities.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/models/WorstObjectsModel.h"
#include "ui/pages/DashboardPage.h"

#include "tests/support/HistoryFixtures.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QLineSeries>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimeZone>

#include <ctime>

using namespace drydock;
using namespace drydock::ui;

namespace {

// A container finding with every field a dashboard reads (the history tests' fixture).
Finding finding(const std::string& rule, const std::string& object, Severity s)
{
    return test::historyFinding(rule, object, s, "evidence");
}

ScanResult scanOf(std::vector<Finding> findings)
{
    ScanResult r;
    r.startedAtUnix = 1'796'000'000;
    r.finishedAtUnix = r.startedAtUnix + 1;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "unix:///var/run/docker.sock";
    r.inventory.containers.resize(3);
    r.findings = FindingSet(std::move(findings));
    return r;
}

// Three containers: "alpha" with one critical (score 10 by the posture weights), "bravo" with three highs,
// "charlie" with two lows; "delta" has only an info finding and is not a worst object at all.
ScanResult threeObjects()
{
    return scanOf({finding("CTR-001", "alpha", Severity::Critical),
                   finding("CTR-002", "bravo", Severity::High), finding("CTR-003", "bravo", Severity::High),
                   finding("CTR-004", "bravo", Severity::High), finding("CTR-005", "charlie", Severity::Low),
                   finding("CTR-006", "charlie", Severity::Low),
                   finding("CTR-007", "delta", Severity::Info)});
}

QStringList column(const QTableView* table, int column)
{
    QStringList out;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        out << table->model()->index(row, column).data().toString();
    }
    return out;
}

// Findings of real rules, with the catalogue's titles as a scan has them: "object/RULE/severity".
ScanResult realScan(const RuleCatalogue& catalogue, const QStringList& specs)
{
    std::vector<Finding> fs;
    for (const QString& spec : specs) {
        const QStringList p = spec.split(QLatin1Char('/'));
        Finding f = finding(p.at(1).toStdString(), p.at(0).toStdString(),
                            severityFromString(p.at(2).toStdString()).value_or(Severity::Info));
        if (const Rule* rule = catalogue.find(f.ruleId)) {
            f.area = rule->info().area;
            f.title = rule->info().title;
        }
        fs.push_back(std::move(f));
    }
    return scanOf(std::move(fs));
}

void setTimeZone(const QByteArray& tz)
{
    qputenv("TZ", tz);
    tzset();
}

} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

private slots:
    void cleanup() { setTimeZone("UTC"); }

    void theBoxesShowTheReportsRankingInItsOrder_data()
    {
        QTest::addColumn<QStringList>("findings");
        QTest::newRow("a socket mount and privileged mode with log rotation missing everywhere")
            << QStringList{"ci/CTR-013/critical", "db/CTR-002/critical", "web/CTR-001/high",
                           "ci/RUN-015/low",      "db/RUN-015/low",      "web/RUN-015/low",
                           "web/RUN-006/medium"};
        QTest::newRow("more than ten risks keep the first ten")
            << QStringList{"a/CTR-001/high", "b/CTR-001/high", "c/CTR-001/high",    "d/CTR-001/high",
                           "e/CTR-001/high", "f/CTR-001/high", "g/CTR-001/high",    "h/CTR-001/high",
                           "i/CTR-001/high", "j/CTR-001/high", "k/CTR-013/critical"};
    }
    void theBoxesShowTheReportsRankingInItsOrder()
    {
        QFETCH(QStringList, findings);
        const ScanResult scan = realScan(m_catalogue, findings);
        const FixPriorities expected = computeFixPriorities(scan, m_catalogue);
        QVERIFY(!expected.fixFirst.empty());
        DashboardPage page;
        page.setCatalogue(&m_catalogue);
        page.setScan(scan);
        QCOMPARE(page.fixFirst()->count(), static_cast<int>(expected.fixFirst.size()));
        for (int i = 0; i < page.fixFirst()->count(); ++i) {
            const QListWidgetItem* line = page.fixFirst()->item(i);
            const FixFirstItem& want = expected.fixFirst[static_cast<std::size_t>(i)];
            QCOMPARE(line->data(Qt::UserRole).toString(), QString::fromStdString(want.object.name));
            QCOMPARE(line->data(Qt::UserRole + 1).toString(), QString::fromStdString(want.ruleId));
            QVERIFY(line->text().startsWith(QStringLiteral("%1. ").arg(i + 1)));
            QVERIFY(line->text().contains(QString::fromStdString(want.attackerGains)));
            QVERIFY(line->text().contains(QString::fromStdString(want.fix)));
        }
        QCOMPARE(page.quickWins()->count(), std::max<int>(1, static_cast<int>(expected.quickWins.size())));
        for (std::size_t i = 0; i < expected.quickWins.size(); ++i) {
            QCOMPARE(page.quickWins()->item(static_cast<int>(i))->data(Qt::UserRole).toString(),
                     QString::fromStdString(expected.quickWins[i].ruleId));
        }
    }

    void theSocketMountIsFirstAndLogRotationAQuickWin()
    {
        DashboardPage page;
        page.setCatalogue(&m_catalogue);
        page.setScan(realScan(m_catalogue, {"web/CTR-001/high", "ci/CTR-013/critical", "ci/RUN-015/low",
                                            "db/RUN-015/low", "web/RUN-015/low"}));
        QVERIFY(page.fixFirst()->item(0)->text().contains(QStringLiteral("ci")));
        QVERIFY(page.fixFirst()->item(0)->text().contains(
            QStringLiteral("controls every container on the host")));
        QCOMPARE(page.quickWins()->item(0)->data(Qt::UserRole).toString(), QStringLiteral("RUN-015"));
        QVERIFY(page.quickWins()->item(0)->text().contains(QStringLiteral("3 low findings")));
    }

    void aFixFirstLineOpensItsFindingOnEnterAndAQuickWinItsRule()
    {
        DashboardPage page;
        page.setCatalogue(&m_catalogue);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setScan(realScan(
            m_catalogue, {"web/CTR-001/high", "ci/CTR-013/critical", "ci/RUN-015/low", "web/RUN-015/low"}));
        QSignalSpy finding(&page, &DashboardPage::findingActivated);
        QSignalSpy object(&page, &DashboardPage::objectActivated);
        page.fixFirst()->setFocus();
        page.fixFirst()->setCurrentRow(1);
        QTest::keyClick(page.fixFirst(), Qt::Key_Return);
        QCOMPARE(finding.size(), 1);
        QCOMPARE(finding.first().at(0).toString(), QStringLiteral("web"));
        QCOMPARE(finding.first().at(1).toString(), QStringLiteral("CTR-001"));
        page.quickWins()->setFocus();
        page.quickWins()->setCurrentRow(0);
        QTest::keyClick(page.quickWins(), Qt::Key_Return);
        QCOMPARE(object.size(), 1);
        QCOMPARE(object.first().first().toString(), QStringLiteral("RUN-015"));
    }

    void withoutOpenFindingsTheBoxesSaySo()
    {
        DashboardPage page;
        page.setCatalogue(&m_catalogue);
        page.setScan(realScan(m_catalogue, {"web/RUN-013/info"}));
        QCOMPARE(page.fixFirst()->count(), 1);
        QVERIFY(page.fixFirst()->item(0)->data(Qt::UserRole).toString().isEmpty());
        QVERIFY(page.fixFirst()->item(0)->text().contains(QStringLiteral("Nothing to fix")));
    }

    void worstObjectsAreRankedByScoreAndSortByAnyColumn()
    {
        DashboardPage page;
        page.setScan(threeObjects());
        QTableView* table = page.worstObjects();
        const QStringList byScore = column(table, WorstObjectsModel::ObjectColumn);
        QCOMPARE(byScore.size(), 3);
        const int alphaScore =
            table->model()->index(byScore.indexOf("alpha"), WorstObjectsModel::ScoreColumn).data().toInt();
        const int bravoScore =
            table->model()->index(byScore.indexOf("bravo"), WorstObjectsModel::ScoreColumn).data().toInt();
        QCOMPARE(byScore.first(),
                 alphaScore > bravoScore ? QStringLiteral("alpha") : QStringLiteral("bravo"));
        QCOMPARE(byScore.last(), QStringLiteral("charlie"));
        QCOMPARE(
            table->model()->index(byScore.indexOf("bravo"), WorstObjectsModel::HighColumn).data().toInt(), 3);
        QCOMPARE(
            table->model()->index(byScore.indexOf("bravo"), WorstObjectsModel::FindingsColumn).data().toInt(),
            3);
        QCOMPARE(
            table->model()->index(byScore.indexOf("alpha"), WorstObjectsModel::WorstColumn).data().toString(),
            QStringLiteral("Critical"));

        // A click on a header sorts by that column: by name, then by the worst severity.
        table->horizontalHeader()->setSortIndicator(WorstObjectsModel::ObjectColumn, Qt::AscendingOrder);
        QCOMPARE(column(table, WorstObjectsModel::ObjectColumn), (QStringList{"alpha", "bravo", "charlie"}));
        table->horizontalHeader()->setSortIndicator(WorstObjectsModel::FindingsColumn, Qt::DescendingOrder);
        QCOMPARE(column(table, WorstObjectsModel::ObjectColumn).first(), QStringLiteral("bravo"));
        table->horizontalHeader()->setSortIndicator(WorstObjectsModel::WorstColumn, Qt::AscendingOrder);
        QCOMPARE(column(table, WorstObjectsModel::ObjectColumn).first(), QStringLiteral("charlie"));
    }

    void aWorstObjectOpensOnClickAndOnEnter_data()
    {
        QTest::addColumn<bool>("keyboard");
        QTest::newRow("a click on a row opens its object") << false;
        QTest::newRow("Enter on the current row opens its object") << true;
    }
    void aWorstObjectOpensOnClickAndOnEnter()
    {
        QFETCH(bool, keyboard);
        DashboardPage page;
        page.resize(1200, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setScan(threeObjects());
        QTableView* table = page.worstObjects();
        table->horizontalHeader()->setSortIndicator(WorstObjectsModel::ObjectColumn, Qt::AscendingOrder);
        QSignalSpy opened(&page, &DashboardPage::objectActivated);
        const QModelIndex charlie = table->model()->index(2, WorstObjectsModel::ObjectColumn);
        if (keyboard) {
            table->setFocus();
            table->setCurrentIndex(charlie);
            QTest::keyClick(table, Qt::Key_Return);
        } else {
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(charlie).center());
        }
        QVERIFY(!opened.isEmpty());
        QCOMPARE(opened.first().first().toString(), QStringLiteral("charlie"));
    }

    void aStoredScanFillsTheTableAndTheBoxesToo()
    {
        DashboardPage page;
        page.setCatalogue(&m_catalogue);
        ScanSummary summary;
        summary.containers = 3;
        page.setStoredScan(threeObjects(), summary);
        QCOMPARE(page.worstObjects()->model()->rowCount(), 3);
        QCOMPARE(page.fixFirst()->item(0)->data(Qt::UserRole).toString(), QStringLiteral("alpha"));
        page.setScan(scanOf({}));
        QCOMPARE(page.worstObjects()->model()->rowCount(), 0);
    }

    void eachScanIsDrawnOnItsOwnLocalDate_data()
    {
        QTest::addColumn<QByteArray>("tz");
        QTest::addColumn<QDateTime>("scanLocal");
        QTest::addColumn<QDateTime>("nowLocal");
        const QDate dec6(2026, 12, 6);
        const QDate dec7(2026, 12, 7);
        QTest::newRow("a single scan at 23:30 on 6 December in Berlin is drawn on 6 December, minutes later")
            << QByteArray("Europe/Berlin") << QDateTime(dec6, QTime(23, 30))
            << QDateTime(dec6, QTime(23, 40));
        QTest::newRow("a single scan at 23:30 on 6 December in UTC is drawn on 6 December, the next morning")
            << QByteArray("UTC") << QDateTime(dec6, QTime(23, 30)) << QDateTime(dec7, QTime(9, 0));
        QTest::newRow(
            "a scan at 00:30 on 7 December in Berlin (still 6 December in UTC) is drawn on 7 December")
            << QByteArray("Europe/Berlin") << QDateTime(dec7, QTime(0, 30)) << QDateTime(dec7, QTime(8, 0));
        QTest::newRow("a scan at 23:30 on 6 December in New York (7 December in UTC) is drawn on 6 December")
            << QByteArray("America/New_York") << QDateTime(dec6, QTime(23, 30))
            << QDateTime(dec6, QTime(23, 45));
        QTest::newRow(
            "a scan at 06:00 in Tokyo, the day before in UTC, is drawn on its own date a week later")
            << QByteArray("Asia/Tokyo") << QDateTime(dec7, QTime(6, 0))
            << QDateTime(QDate(2026, 12, 14), QTime(12, 0));
    }
    void eachScanIsDrawnOnItsOwnLocalDate()
    {
        QFETCH(QByteArray, tz);
        QFETCH(QDateTime, scanLocal);
        QFETCH(QDateTime, nowLocal);
        setTimeZone(tz);
        const QTimeZone zone(tz);
        const std::int64_t scanAt = QDateTime(scanLocal.date(), scanLocal.time(), zone).toSecsSinceEpoch();
        const std::int64_t now = QDateTime(nowLocal.date(), nowLocal.time(), zone).toSecsSinceEpoch();

        // What the history gives: the point of the scan's UTC day, and the list with the scan's start.
        TrendPoint point;
        point.dayStartUnix = scanAt / 86400 * 86400;
        point.scanId = 7;
        point.counts[static_cast<std::size_t>(Severity::High)] = 4;
        ScanSummary summary;
        summary.id = 7;
        summary.startedAtUnix = scanAt;

        DashboardPage page;
        page.setClock([now] { return now; });
        page.setTrend({point}, {summary});
        auto* view = page.trendTabs()->widget(0)->findChild<QChartView*>();
        QVERIFY(view);
        auto* axis = qobject_cast<QDateTimeAxis*>(view->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        auto* high = qobject_cast<QLineSeries*>(view->chart()->series().value(1));
        QVERIFY(high);
        QCOMPARE(high->count(), 1);
        QCOMPARE(high->at(0).y(), 4.0);

        // The axis labels its (evenly spaced) ticks with their local date: the point must sit on the tick
        // labelled with the date the scan was taken on.
        const qreal x = high->at(0).x();
        const qint64 min = axis->min().toMSecsSinceEpoch();
        const qint64 max = axis->max().toMSecsSinceEpoch();
        QVERIFY(axis->tickCount() >= 2);
        const double spacing = double(max - min) / (axis->tickCount() - 1);
        const double tick = min + std::round((x - min) / spacing) * spacing;
        QVERIFY2(std::abs(tick - x) < 3600 * 1000.0, "the point lies between two ticks");
        const QDate labelled = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(tick)).date();
        QCOMPARE(labelled, scanLocal.date());
        QVERIFY(axis->min() < QDateTime(scanLocal.date(), QTime(0, 0)));
        QVERIFY(axis->max() > QDateTime(nowLocal.date(), QTime(23, 59)));
    }

    void twoPointsOnOneLocalDayKeepTheLaterScan()
    {
        setTimeZone("America/New_York");
        const QTimeZone zone("America/New_York");
        const QDate dec6(2026, 12, 6);
        // 18:00 and 20:00 on 6 December in New York are 23:00 on 6 and 01:00 on 7 December in UTC.
        const std::int64_t early = QDateTime(dec6, QTime(18, 0), zone).toSecsSinceEpoch();
        const std::int64_t late = QDateTime(dec6, QTime(20, 0), zone).toSecsSinceEpoch();
        std::vector<TrendPoint> trend(2);
        std::vector<ScanSummary> scans(2);
        for (std::size_t i = 0; i < 2; ++i) {
            const std::int64_t at = i == 0 ? early : late;
            trend[i].dayStartUnix = at / 86400 * 86400;
            trend[i].scanId = static_cast<std::int64_t>(i + 1);
            trend[i].counts[static_cast<std::size_t>(Severity::Critical)] = i == 0 ? 5 : 2;
            scans[i].id = trend[i].scanId;
            scans[i].startedAtUnix = at;
        }
        QVERIFY(trend[0].dayStartUnix != trend[1].dayStartUnix);
        DashboardPage page;
        page.setClock([late] { return late + 60; });
        page.setTrend(trend, scans);
        auto* view = page.trendTabs()->widget(0)->findChild<QChartView*>();
        auto* critical = qobject_cast<QLineSeries*>(view->chart()->series().value(0));
        QVERIFY(critical);
        QCOMPARE(critical->count(), 1);
        QCOMPARE(critical->at(0).y(), 2.0);
    }
};

int main(int argc, char** argv)
{
    // The trend's days are local days: pin the zone before Qt reads it (rows change it per case).
    setTimeZone("UTC");
    QApplication app(argc, argv);
    TestDashboardPage test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestDashboardPage.moc"
