// The CIS Docker Benchmark in the window: the View menu's version (kept under XDG_CONFIG_HOME) chooses the
// ids the Findings page, the details panel, the search and the exports show, and the Benchmark page lists
// every recommendation of that version with its verdict, counts, a verdict filter and the way to a failing
// item's findings. The findings themselves keep the rules' 1.6.0 references.
#include "core/rules/RuleCatalogue.h"
#include "ui/MainWindow.h"
#include "ui/bridge/QtConvert.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/models/BenchmarkModel.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/SeverityBadgeDelegate.h"

#include "tests/support/RealisticScan.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace drydock;
using namespace drydock::ui;

Q_DECLARE_METATYPE(drydock::CisVersion)
Q_DECLARE_METATYPE(drydock::BenchmarkVerdict)

class TestBenchmarkPage : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QTemporaryDir m_config;
    QTemporaryDir m_data;
    std::shared_ptr<const ScanResult> m_scan;

    std::unique_ptr<MainWindow> newWindow()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_data.path() + QStringLiteral("/history.db");
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        return std::make_unique<MainWindow>(std::move(s));
    }

    // A window showing the realistic scan on the Findings and Benchmark pages.
    std::unique_ptr<MainWindow> windowWithScan()
    {
        auto w = newWindow();
        w->findings()->setFindings(
            std::shared_ptr<const std::vector<Finding>>(m_scan, &m_scan->findings.all()));
        w->benchmark()->setScan(m_scan);
        w->show();
        return w;
    }

    static std::vector<const BenchmarkItemResult*> shownItems(const BenchmarkModel& model)
    {
        std::vector<const BenchmarkItemResult*> out;
        for (int s = 0; s < model.rowCount(); ++s) {
            const QModelIndex section = model.index(s, 0);
            for (int row = 0; row < model.rowCount(section); ++row) {
                out.push_back(model.itemAt(model.index(row, 0, section)));
            }
        }
        return out;
    }

    // The first failing item's row on the Benchmark page.
    static QModelIndex firstFailing(const BenchmarkModel& model)
    {
        for (int s = 0; s < model.rowCount(); ++s) {
            const QModelIndex section = model.index(s, 0);
            for (int row = 0; row < model.rowCount(section); ++row) {
                const QModelIndex i = model.index(row, 0, section);
                if (model.itemAt(i)->verdict == BenchmarkVerdict::Fail) {
                    return i;
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        // Before the first QSettings: the settings file lands in this temporary XDG config dir.
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
        QCoreApplication::setOrganizationName(QStringLiteral("drydock-test"));
        QCoreApplication::setApplicationName(QStringLiteral("TestBenchmarkPage"));
        QSettings().clear();
        m_scan = std::make_shared<const ScanResult>(test::realisticScan(m_catalogue));
    }

    void init() { QSettings().remove(QStringLiteral("view/cisVersion")); }

    void theDefaultIsTheNewestVersion()
    {
        auto w = newWindow();
        QCOMPARE(w->cisVersion(), kDefaultCisVersion);
        QVERIFY(w->cisVersionAction(CisVersion::V1_8_0)->isChecked());
        QVERIFY(!w->cisVersionAction(CisVersion::V1_6_0)->isChecked());
    }

    void ctrl7OpensTheBenchmarkPage()
    {
        auto w = newWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTest::keyClick(w.get(), Qt::Key_7, Qt::ControlModifier);
        QCOMPARE(w->currentPage(), int(MainWindow::BenchmarkPageIndex));
    }

    void beforeTheFirstScanThePageSaysWhatItNeeds()
    {
        auto w = newWindow();
        QVERIFY(w->benchmark()->showsEmptyState());
        QCOMPARE(w->benchmark()->model()->itemCount(), 0);
        QVERIFY(w->benchmark()->emptyState()->text().contains(QStringLiteral("F5")));
    }

    void theListFollowsTheChosenVersion_data()
    {
        QTest::addColumn<CisVersion>("version");
        QTest::addColumn<int>("items");
        QTest::newRow("1.8.0 lists its 118 recommendations") << CisVersion::V1_8_0 << 118;
        QTest::newRow("1.6.0 lists its 117 recommendations") << CisVersion::V1_6_0 << 117;
        QTest::newRow("1.7.0 lists the same 117, reworded") << CisVersion::V1_7_0 << 117;
    }

    void theListFollowsTheChosenVersion()
    {
        QFETCH(CisVersion, version);
        QFETCH(int, items);
        auto w = windowWithScan();
        QVERIFY(!w->benchmark()->showsEmptyState());
        w->cisVersionAction(version)->trigger();
        QCOMPARE(w->cisVersion(), version);
        QCOMPARE(w->benchmark()->model()->itemCount(), items);
        QCOMPARE(int(shownItems(*w->benchmark()->model()).size()), items);
        QCOMPARE(w->benchmark()->model()->coverage().version, version);
        // 2.7 is devicemapper's own recommendation only in 1.8.0.
        const QModelIndex devicemapper = w->benchmark()->model()->indexOfItem(QStringLiteral("2.7"));
        QVERIFY(devicemapper.isValid());
        const bool isDevicemapper =
            w->benchmark()->model()->itemAt(devicemapper)->item.title.find("devicemapper") !=
            std::string::npos;
        QCOMPARE(isDevicemapper, version == CisVersion::V1_8_0);
        const QString counts = w->benchmark()->counts()->text();
        QVERIFY2(counts.contains(QStringLiteral("%1 fail").arg(
                     w->benchmark()->model()->coverage().count(BenchmarkVerdict::Fail))),
                 qPrintable(counts));
    }

    void aFailingItemShowsItsVerdictAndFindingCount()
    {
        auto w = windowWithScan();
        const BenchmarkModel& model = *w->benchmark()->model();
        const QModelIndex failing = firstFailing(model);
        QVERIFY(failing.isValid());
        const BenchmarkItemResult* item = model.itemAt(failing);
        QVERIFY(!item->findings.empty());
        QCOMPARE(failing.siblingAtColumn(BenchmarkModel::VerdictColumn).data().toString(),
                 QStringLiteral("Fail"));
        QCOMPARE(
            failing.siblingAtColumn(BenchmarkModel::VerdictColumn).data(SeverityBadgeDelegate::BadgeTextRole),
            QVariant(QStringLiteral("Fail")));
        // The worst finding's severity (word and shape) and how many there are: "High · 3".
        Severity worst = Severity::Info;
        for (const BenchmarkFindingRef& f : item->findings) {
            worst = std::max(worst, f.severity);
        }
        QCOMPARE(failing.siblingAtColumn(BenchmarkModel::FindingsColumn).data().toString(),
                 QStringLiteral("%1 · %2").arg(severityText(worst)).arg(item->findings.size()));
        QVERIFY(!failing.siblingAtColumn(BenchmarkModel::FindingsColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QVERIFY(!failing.siblingAtColumn(BenchmarkModel::ReasonColumn).data().toString().isEmpty());
    }

    void theVerdictFilterLeavesOnlyThatVerdict_data()
    {
        QTest::addColumn<BenchmarkVerdict>("verdict");
        QTest::newRow("failing items only") << BenchmarkVerdict::Fail;
        QTest::newRow("items not checked only") << BenchmarkVerdict::NotChecked;
        QTest::newRow("items not applicable only") << BenchmarkVerdict::NotApplicable;
        QTest::newRow("passing items only") << BenchmarkVerdict::Pass;
    }

    void theVerdictFilterLeavesOnlyThatVerdict()
    {
        QFETCH(BenchmarkVerdict, verdict);
        auto w = windowWithScan();
        BenchmarkPage* page = w->benchmark();
        const int expected = page->model()->coverage().count(verdict);
        QVERIFY(expected > 0);
        QVERIFY(expected < 118);
        page->verdictFilter()->setCurrentIndex(page->verdictFilter()->findData(static_cast<int>(verdict)));
        QCOMPARE(page->model()->itemCount(), expected);
        for (const BenchmarkItemResult* r : shownItems(*page->model())) {
            QCOMPARE(r->verdict, verdict);
        }
        page->verdictFilter()->setCurrentIndex(0);
        QCOMPARE(page->model()->itemCount(), 118);
    }

    void activatingAFailingItemShowsItsFindings_data()
    {
        QTest::addColumn<bool>("byKey");
        QTest::newRow("a double-click on the item") << false;
        QTest::newRow("Enter on the item") << true;
    }

    void activatingAFailingItemShowsItsFindings()
    {
        QFETCH(bool, byKey);
        auto w = windowWithScan();
        w->showPage(MainWindow::BenchmarkPageIndex);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTreeView* tree = w->benchmark()->tree();
        const QModelIndex failing = firstFailing(*w->benchmark()->model());
        const BenchmarkItemResult* item = w->benchmark()->model()->itemAt(failing);
        const int findings = int(item->findings.size());
        tree->setCurrentIndex(failing);
        tree->scrollTo(failing);
        if (byKey) {
            tree->setFocus();
            QTest::keyClick(tree, Qt::Key_Return);
        } else {
            const QRect cell = tree->visualRect(failing.siblingAtColumn(BenchmarkModel::TitleColumn));
            // As a mouse sends it: press and release, then the double-click (QTest's alone has no press
            // before).
            QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, cell.center());
            QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, cell.center());
        }
        QCOMPARE(w->currentPage(), int(MainWindow::FindingsPageIndex));
        FindingsPage* page = w->findings();
        QCOMPARE(page->filterModel()->rowCount(), findings);
        QVERIFY(page->rulesBanner()->isVisibleTo(page));
        QVERIFY(page->rulesBanner()->text().contains(QString::fromStdString(item->item.id)));
        QVERIFY(page->currentFinding() != nullptr);
        QVERIFY(std::find(item->ruleIds.begin(), item->ruleIds.end(), page->currentFinding()->ruleId) !=
                item->ruleIds.end());
        page->showAllRules();
        QCOMPARE(page->filterModel()->rowCount(), int(m_scan->findings.size()));
    }

    void theVersionChangesTheShownIdsNotTheFindings_data()
    {
        QTest::addColumn<CisVersion>("version");
        QTest::addColumn<QString>("id");
        QTest::newRow("1.8.0 shows DMN-001 as 2.8, after devicemapper's 2.7") << CisVersion::V1_8_0 << "2.8";
        QTest::newRow("1.6.0 shows DMN-001 as 2.7, the rule's own") << CisVersion::V1_6_0 << "2.7";
        QTest::newRow("1.7.0 keeps 1.6.0's 2.7") << CisVersion::V1_7_0 << "2.7";
    }

    void theVersionChangesTheShownIdsNotTheFindings()
    {
        QFETCH(CisVersion, version);
        QFETCH(QString, id);
        auto w = newWindow();
        Finding f;
        f.ruleId = "DMN-001";
        f.severity = Severity::Critical;
        f.area = Area::Daemon;
        f.cis = {"2.7", "1.6.0"};
        f.object = {ObjectType::Daemon, "daemon", "daemon"};
        f.title = "The daemon listens on a plain TCP port";
        f.evidence = "tcp://0.0.0.0:2375";
        auto findings = std::make_shared<const std::vector<Finding>>(std::vector<Finding>{f});
        w->findings()->setFindings(findings);
        w->findings()->table()->setCurrentIndex(w->findings()->filterModel()->index(0, 0));
        w->cisVersionAction(version)->trigger();

        FindingsModel* model = w->findings()->model();
        QCOMPARE(model->index(0, FindingsModel::CisColumn).data().toString(), id);
        QVERIFY(model->headerData(FindingsModel::CisColumn, Qt::Horizontal)
                    .toString()
                    .contains(QString::fromLatin1(toString(version))));
        const QString meta = w->findings()->details()->metaLabel()->text();
        QVERIFY2(meta.contains(QStringLiteral("CIS Docker Benchmark %1 §%2")
                                   .arg(QString::fromLatin1(toString(version)), id)),
                 qPrintable(meta));
        QCOMPARE(model->searchText(0).section(QLatin1Char('\n'), 4), id);
        w->findings()->searchField()->setText(QStringLiteral("tcp"));
        QCOMPARE(w->findings()->filterModel()->rowCount(), 1);
        // The stored finding is as the rule made it.
        QCOMPARE(findings->front().cis.id, std::string("2.7"));
        QCOMPARE(findings->front().cis.version, std::string("1.6.0"));
        QCOMPARE(w->exportSources().cisVersion, version);
        ExportDialog dialog(w->exportSources(), [](const QString&) {});
        QCOMPARE(dialog.request().cisVersion, version);
    }

    void theChosenVersionIsKeptForTheNextWindow()
    {
        {
            auto w = newWindow();
            w->cisVersionAction(CisVersion::V1_6_0)->trigger();
        }
        QSettings settings;
        QVERIFY2(settings.fileName().startsWith(m_config.path()), qPrintable(settings.fileName()));
        QCOMPARE(settings.value(QStringLiteral("view/cisVersion")).toString(), QStringLiteral("1.6.0"));
        auto again = newWindow();
        QCOMPARE(again->cisVersion(), CisVersion::V1_6_0);
        QVERIFY(again->cisVersionAction(CisVersion::V1_6_0)->isChecked());
        QVERIFY(!again->cisVersionAction(CisVersion::V1_8_0)->isChecked());
        QCOMPARE(again->findings()->model()->cisVersion(), CisVersion::V1_6_0);
        QCOMPARE(again->benchmark()->cisVersion(), CisVersion::V1_6_0);
    }

    void aColumnLayoutSavedBeforeTheCisColumnStillShowsIt()
    {
        // The Findings page's columns as an earlier Drydock saved them: six, without CIS.
        QStandardItemModel six(0, FindingsModel::CisColumn);
        QTableView old;
        old.setModel(&six);
        old.horizontalHeader()->resizeSection(FindingsModel::TitleColumn, 333);
        QSettings().setValue(QStringLiteral("findingsPage/columns"), old.horizontalHeader()->saveState());
        FindingsPage page;
        auto findings = std::shared_ptr<const std::vector<Finding>>(m_scan, &m_scan->findings.all());
        page.setFindings(findings);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QHeaderView* header = page.table()->horizontalHeader();
        QCOMPARE(header->count(), int(FindingsModel::ColumnCount));
        QVERIFY(!header->isSectionHidden(FindingsModel::CisColumn));
        QVERIFY(header->sectionSize(FindingsModel::CisColumn) > 20);
        QVERIFY(header->sectionViewportPosition(FindingsModel::CisColumn) <
                page.table()->viewport()->width());
        QSettings().remove(QStringLiteral("findingsPage"));
    }

    void anUnknownStoredVersionFallsBackToTheDefault()
    {
        QSettings().setValue(QStringLiteral("view/cisVersion"), QStringLiteral("9.9.9"));
        auto w = newWindow();
        QCOMPARE(w->cisVersion(), kDefaultCisVersion);
        QVERIFY(w->cisVersionAction(kDefaultCisVersion)->isChecked());
    }
};

QTEST_MAIN(TestBenchmarkPage)
#include "TestBenchmarkPage.moc"
