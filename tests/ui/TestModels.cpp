// Every UI model passes QAbstractItemModelTester and sorts/filters on raw values.
#include "core/findings/FindingSet.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/models/HistoryModel.h"
#include "ui/models/InventoryTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

Finding finding(const std::string& rule, Area area, Severity s, const std::string& object, bool waived = false)
{
    Finding f;
    f.ruleId = rule;
    f.area = area;
    f.severity = s;
    f.object = {ObjectType::Container, object + "-id", object};
    f.title = "title " + rule;
    f.evidence = "evidence for " + object;
    if (waived) {
        f.waiver = WaiverMark{1, "accepted", "", std::nullopt};
    }
    return f;
}

std::shared_ptr<const std::vector<Finding>> sample()
{
    return std::make_shared<const std::vector<Finding>>(std::vector<Finding>{
        finding("CTR-002", Area::Container, Severity::Critical, "web"),
        finding("RUN-006", Area::Runtime, Severity::Medium, "db"),
        finding("NET-003", Area::Network, Severity::Medium, "web"),
        finding("IMG-007", Area::Image, Severity::Low, "cache", true),
        finding("DMN-019", Area::Daemon, Severity::Info, "daemon"),
    });
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private slots:
    void theFindingsModelIsAWellBehavedModel()
    {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFindings(sample());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.data(model.index(0, FindingsModel::SeverityColumn)).toString(), QStringLiteral("Critical"));
        QCOMPARE(model.data(model.index(3, FindingsModel::StatusColumn)).toString(), QStringLiteral("Waived"));
        model.setFindings(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void sortingBySeverityUsesRankNotWords()
    {
        FindingsModel model;
        model.setFindings(sample());
        FindingsFilterModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Critical"));
        QCOMPARE(proxy.index(4, 0).data().toString(), QStringLiteral("Info"));
        proxy.sort(FindingsModel::SeverityColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Info"));
    }

    void filtersCombine_data()
    {
        QTest::addColumn<int>("minimum");
        QTest::addColumn<int>("area");
        QTest::addColumn<int>("waived");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("rows");
        QTest::newRow("no filter shows everything") << 0 << -1 << 0 << "" << 5;
        QTest::newRow("medium and above") << 2 << -1 << 0 << "" << 3;
        QTest::newRow("one area") << 0 << int(Area::Network) << 0 << "" << 1;
        QTest::newRow("open only hides the waived one") << 0 << -1 << 1 << "" << 4;
        QTest::newRow("waived only") << 0 << -1 << 2 << "" << 1;
        QTest::newRow("free text matches the object") << 0 << -1 << 0 << "web" << 2;
        QTest::newRow("free text matches the rule, any case") << 0 << -1 << 0 << "run-006" << 1;
        QTest::newRow("free text matches evidence") << 0 << -1 << 0 << "evidence for db" << 1;
        QTest::newRow("filters combine") << 2 << -1 << 0 << "web" << 2;
        QTest::newRow("nothing matches") << 4 << int(Area::Image) << 0 << "" << 0;
    }
    void filtersCombine()
    {
        QFETCH(int, minimum);
        QFETCH(int, area);
        QFETCH(int, waived);
        QFETCH(QString, search);
        QFETCH(int, rows);
        FindingsModel model;
        model.setFindings(sample());
        FindingsFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.setMinimumSeverity(static_cast<Severity>(minimum));
        proxy.setArea(area < 0 ? std::nullopt : std::optional<Area>(static_cast<Area>(area)));
        proxy.setWaivedFilter(static_cast<FindingsFilterModel::WaivedFilter>(waived));
        proxy.setSearchText(search);
        QCOMPARE(proxy.rowCount(), rows);
    }

    void inventoryTablesShowTheWorstOpenFinding()
    {
        Inventory inv;
        Container web;
        web.id = "web-id";
        web.name = "web";
        web.config.image = "nginx:1";
        web.state.status = "running";
        web.hostConfig.portBindings = {{"80/tcp", {{"", "8080"}}}};
        Container db;
        db.id = "db-id";
        db.name = "db";
        db.config.user = "999";
        inv.containers = {web, db};
        Image img;
        img.id = "sha256:abc";
        img.repoTags = {"nginx:1"};
        inv.images = {img};
        Network n;
        n.id = "n1";
        n.name = "appnet";
        inv.networks = {n};
        Volume v;
        v.name = "data";
        inv.volumes = {v};
        FindingSet set(*sample());
        for (auto kind : {InventoryTableModel::Kind::Containers, InventoryTableModel::Kind::Images,
                          InventoryTableModel::Kind::Networks, InventoryTableModel::Kind::Volumes}) {
            InventoryTableModel model(kind);
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setSnapshot(inv, set);
            QCOMPARE(model.rowCount(), 1 + (kind == InventoryTableModel::Kind::Containers ? 1 : 0));
        }
        InventoryTableModel containers(InventoryTableModel::Kind::Containers);
        containers.setSnapshot(inv, set);
        QCOMPARE(containers.index(0, 0).data(InventoryTableModel::WorstSeverityRole).toInt(), int(Severity::Critical));
        QVERIFY(containers.index(0, 0).data().toString().contains(QStringLiteral("2")));
        QCOMPARE(containers.index(0, 5).data().toString(), QStringLiteral("8080→80/tcp"));
        QCOMPARE(containers.index(1, 6).data().toString(), QStringLiteral("999"));
        QCOMPARE(containers.index(0, 6).data().toString(), QStringLiteral("root (default)"));
    }

    void aLiveUpdateReplacesOneObjectsRowsInPlace()
    {
        FindingsModel model;
        model.setFindings(sample());
        FindingsFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        int resets = 0;
        connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // web: CTR-002 stays (evidence changes), NET-003 is fixed, RUN-009 is new.
        Finding kept = finding("CTR-002", Area::Container, Severity::Critical, "web");
        kept.evidence = "renamed";
        model.replaceObjectFindings(ObjectType::Container, "web-id",
                                    {kept, finding("RUN-009", Area::Runtime, Severity::Medium, "web")});
        QCOMPARE(resets, 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.findingAt(0)->evidence, std::string("renamed"));
        QStringList rules;
        for (int r = 0; r < model.rowCount(); ++r) {
            rules << QString::fromStdString(model.findingAt(r)->ruleId);
        }
        QVERIFY(!rules.contains(QStringLiteral("NET-003")));
        QVERIFY(rules.contains(QStringLiteral("RUN-009")));
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Critical")); // still sorted

        // The object is removed: all its rows go, nothing else moves.
        model.replaceObjectFindings(ObjectType::Container, "web-id", {});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(resets, 0);
    }

    void theSearchTextIsBuiltOffTheGuiThreadAndFollowsLiveUpdates()
    {
        FindingsModel model;
        model.setFindings(sample());
        FindingsFilterModel proxy;
        proxy.setSourceModel(&model);
        QVERIFY(!model.searchTextReady()); // the worker's answer arrives through the event loop
        QTRY_VERIFY(model.searchTextReady());
        QCOMPARE(model.searchText(1), QStringLiteral("run-006\ndb\ntitle run-006\nevidence for db\n"));
        proxy.setSearchText(QStringLiteral("Evidence for DB"));
        QCOMPARE(proxy.rowCount(), 1);

        // The built texts move with their rows: a changed row is searched by its new text, a removed one is
        // gone, and the rows after it keep theirs.
        Finding kept = finding("CTR-002", Area::Container, Severity::Critical, "web");
        kept.evidence = "Renamed";
        model.replaceObjectFindings(ObjectType::Container, "web-id", {kept});
        proxy.setSearchText(QStringLiteral("renamed"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(QStringLiteral("net-003"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSearchText(QStringLiteral("daemon"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, FindingsModel::RuleColumn).data().toString(), QStringLiteral("DMN-019"));
    }

    void aLiveUpdateChangesAddsAndRemovesOneInventoryRow()
    {
        Inventory inv;
        Container web;
        web.id = "web-id";
        web.name = "web";
        inv.containers = {web};
        InventoryTableModel model(InventoryTableModel::Kind::Containers);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(inv, FindingSet(*sample()));
        int resets = 0;
        connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });

        Container db;
        db.id = "db-id";
        db.name = "db";
        inv.containers.push_back(db);
        model.updateObject(inv, FindingSet(*sample()), ObjectType::Container, "db-id");
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data(InventoryTableModel::WorstSeverityRole).toInt(), int(Severity::Medium));

        // web's findings are gone: its badge clears in place.
        model.updateObject(inv, FindingSet{}, ObjectType::Container, "web-id");
        QCOMPARE(model.index(0, 0).data(InventoryTableModel::WorstSeverityRole).toInt(), -1);

        inv.containers.erase(inv.containers.begin());
        model.updateObject(inv, FindingSet{}, ObjectType::Container, "web-id");
        QCOMPARE(model.rowCount(), 1);
        model.updateObject(inv, FindingSet{}, ObjectType::Network, "db-id"); // another kind: ignored
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(resets, 0);
    }

    void theHistoryModelListsScans()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ScanSummary a;
        a.id = 7;
        a.endpoint = "unix:///x";
        a.counts = {0, 1, 2, 3, 4};
        model.setScans({a});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, HistoryModel::CriticalColumn).data().toInt(), 4);
        QCOMPARE(model.index(0, 0).data(HistoryModel::ScanIdRole).toLongLong(), qint64(7));
    }
};

QTEST_MAIN(TestModels)
#include "TestModels.moc"
