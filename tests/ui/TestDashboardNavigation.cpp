// From the Dashboard to the finding: MainWindow opens the Findings page on the object of a worst-objects row
// (click or Enter) and on the very finding of a Fix-first line, selected in the table and the details panel.
#include "core/rules/RuleCatalogue.h"
#include "ui/MainWindow.h"
#include "ui/models/WorstObjectsModel.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

Finding finding(const RuleCatalogue& catalogue, const std::string& rule, const std::string& object,
                Severity s)
{
    Finding f;
    f.ruleId = rule;
    f.severity = s;
    f.object = {ObjectType::Container, object + "-id", object};
    if (const Rule* r = catalogue.find(rule)) {
        f.area = r->info().area;
        f.title = r->info().title;
    }
    return f;
}

} // namespace

class TestDashboardNavigation : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QTemporaryDir m_dir;

    // A window without a daemon showing a scan of three containers on the Dashboard and Findings pages.
    std::unique_ptr<MainWindow> windowWithScan()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.path() + QStringLiteral("/history.db");
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        auto w = std::make_unique<MainWindow>(std::move(s));
        auto scan = std::make_shared<ScanResult>();
        scan->inventory.containers.resize(3);
        scan->findings = FindingSet({finding(m_catalogue, "CTR-001", "web", Severity::High),
                                     finding(m_catalogue, "RUN-015", "web", Severity::Low),
                                     finding(m_catalogue, "CTR-013", "ci", Severity::Critical),
                                     finding(m_catalogue, "CTR-001", "ci", Severity::High),
                                     finding(m_catalogue, "RUN-015", "db", Severity::Low)});
        w->findings()->setFindings(std::shared_ptr<const std::vector<Finding>>(scan, &scan->findings.all()));
        w->dashboard()->setScan(*scan);
        w->show();
        return w;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aFixFirstLineOpensItsFindingSelected_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("rule");
        QTest::newRow("the first line, the socket mount, opens ci's CTR-013") << 0 << "ci"
                                                                              << "CTR-013";
        // One line per rule and severity since the report's ranking lists every object a rule is on: the line of
        // the root user on ci and web opens the finding of the more exposed one (ci, with the socket mounted).
        QTest::newRow("the root-user line opens ci's CTR-001, the more exposed of its two containers")
            << 1 << "ci" << "CTR-001";
        QTest::newRow("the log line opens db's RUN-015, the first of its containers by name") << 2 << "db"
                                                                                               << "RUN-015";
    }
    void aFixFirstLineOpensItsFindingSelected()
    {
        QFETCH(int, line);
        QFETCH(QString, object);
        QFETCH(QString, rule);
        auto w = windowWithScan();
        QListWidget* fixFirst = w->dashboard()->fixFirst();
        QCOMPARE(fixFirst->item(line)->data(Qt::UserRole).toString(), object);
        fixFirst->setFocus();
        fixFirst->setCurrentRow(line);
        QTest::keyClick(fixFirst, Qt::Key_Return);
        QCOMPARE(w->currentPage(), int(MainWindow::FindingsPageIndex));
        const Finding* selected = w->findings()->currentFinding();
        QVERIFY(selected);
        QCOMPARE(QString::fromStdString(selected->object.name), object);
        QCOMPARE(QString::fromStdString(selected->ruleId), rule);
    }

    void aWorstObjectOpensTheFindingsOfThatObject()
    {
        auto w = windowWithScan();
        QTableView* table = w->dashboard()->worstObjects();
        QCOMPARE(table->model()->index(0, WorstObjectsModel::ObjectColumn).data().toString(),
                 QStringLiteral("ci"));
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, WorstObjectsModel::ObjectColumn));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(w->currentPage(), int(MainWindow::FindingsPageIndex));
        QCOMPARE(w->findings()->searchField()->text(), QStringLiteral("ci"));
    }
};

QTEST_MAIN(TestDashboardNavigation)
#include "TestDashboardNavigation.moc"
