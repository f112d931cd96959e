// Issue #24's polish, checked on the real models and pages: every table cell that shows a severity gives the
// word and the severity's shape (not colour alone, for colour-blind users); the Findings page's Rule and CIS
// columns show every id whole at their first width, whichever rows Qt measured; the window's first size uses
// the screen's available area.
#include "core/files/ProjectReview.h"
#include "core/model/ImageContents.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/MainWindow.h"
#include "ui/bridge/HistoryController.h"
#include "ui/models/FileFindingsModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/models/InventoryTableModel.h"
#include "ui/models/ProjectFilesModel.h"
#include "ui/models/VulnerabilityTableModel.h"
#include "ui/models/WorstObjectsModel.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/HistoryPage.h"
#include "ui/widgets/SeverityBadgeDelegate.h"

#include "tests/support/RealisticScan.h"

#include <QHeaderView>
#include <QIcon>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace drydock;
using namespace drydock::ui;

namespace {

const QStringList kWords = {QStringLiteral("Critical"), QStringLiteral("High"), QStringLiteral("Medium"),
                            QStringLiteral("Low"), QStringLiteral("Info")};

// The severity cells of one column of a model: each names its severity and carries an icon. Returns how many
// severity cells there were (a model without any proves nothing).
int checkSeverityColumn(const QAbstractItemModel& model, int column, const char* what)
{
    int cells = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, column);
        const QString text = index.data(Qt::DisplayRole).toString();
        const auto word = std::find_if(kWords.begin(), kWords.end(),
                                       [&](const QString& w) { return text.startsWith(w); });
        if (word == kWords.end()) {
            continue; // "—", "None", "Not checked": no severity in this cell
        }
        ++cells;
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        if (icon.isNull()) {
            qWarning("%s row %d (%s): no icon", what, row, qPrintable(text));
            return -1;
        }
    }
    return cells;
}

std::vector<Finding> findingsOf(const std::vector<std::pair<const char*, Severity>>& rules, int copies)
{
    std::vector<Finding> out;
    for (const auto& [rule, severity] : rules) {
        for (int i = 0; i < copies; ++i) {
            Finding f;
            f.ruleId = rule;
            f.severity = severity;
            f.area = Area::Container;
            f.title = "a finding";
            f.object = {ObjectType::Container, "id" + std::to_string(out.size()), "c" + std::to_string(out.size())};
            f.cis = CisReference{std::string(rule).rfind("HST", 0) == 0 ? "1.1.18" : "5.10", "1.6.0"};
            out.push_back(f);
        }
    }
    return out;
}

} // namespace

class TestSeverityCells : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    ScanResult m_scan;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scan = test::realisticScan(m_catalogue, 14);
    }

    void everySeverityCellHasTheWordAndTheShape_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("the Findings page") << QStringLiteral("findings");
        QTest::newRow("the Inventory's worst open finding") << QStringLiteral("inventory");
        QTest::newRow("the Dashboard's worst objects") << QStringLiteral("worst");
        QTest::newRow("the Files page's files") << QStringLiteral("files");
        QTest::newRow("a file's findings") << QStringLiteral("file findings");
        QTest::newRow("an image's vulnerabilities") << QStringLiteral("vulnerabilities");
        QTest::newRow("the History page's delta") << QStringLiteral("delta");
    }
    void everySeverityCellHasTheWordAndTheShape()
    {
        QFETCH(QString, table);
        int cells = 0;
        if (table == QLatin1String("findings")) {
            FindingsModel model;
            model.setFindings(std::make_shared<const std::vector<Finding>>(m_scan.findings.all()));
            cells = checkSeverityColumn(model, FindingsModel::SeverityColumn, "findings");
        } else if (table == QLatin1String("inventory")) {
            InventoryTableModel model(InventoryTableModel::Kind::Containers);
            model.setSnapshot(m_scan.inventory, m_scan.findings);
            cells = checkSeverityColumn(model, 0, "inventory");
        } else if (table == QLatin1String("worst")) {
            WorstObjectsModel model;
            model.setFindings(m_scan.findings);
            cells = checkSeverityColumn(model, WorstObjectsModel::WorstColumn, "worst objects");
            // The badge delegate still paints these cells as pills of the same severity.
            QVERIFY(model.index(0, WorstObjectsModel::WorstColumn).data(SeverityBadgeDelegate::SeverityRole).isValid());
            for (int c = WorstObjectsModel::CriticalColumn; c <= WorstObjectsModel::LowColumn; ++c) {
                QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::DecorationRole).value<QIcon>().isNull());
            }
        } else if (table == QLatin1String("files") || table == QLatin1String("file findings")) {
            auto review = std::make_shared<ProjectReview>();
            FileReview file;
            file.path = "compose.yaml";
            file.findings = m_scan.findings.all();
            review->files.push_back(file);
            if (table == QLatin1String("files")) {
                ProjectFilesModel model;
                model.setReview(review, QStringLiteral("/project"));
                cells = checkSeverityColumn(model, ProjectFilesModel::WorstColumn, "files");
            } else {
                FileFindingsModel model;
                model.setFile(review->files.front(), QStringLiteral("/project"));
                cells = checkSeverityColumn(model, FileFindingsModel::SeverityColumn, "file findings");
            }
        } else if (table == QLatin1String("vulnerabilities")) {
            auto contents = std::make_shared<ImageContents>();
            for (const char* s : {"critical", "high", "medium", "low"}) {
                Vulnerability v;
                v.id = std::string("CVE-2024-") + s;
                v.package = "openssl";
                v.severity = s;
                contents->vulnerabilities.push_back(v);
            }
            VulnerabilityTableModel model;
            model.setContents(contents);
            cells = checkSeverityColumn(model, VulnerabilityTableModel::SeverityColumn, "vulnerabilities");
        } else if (table == QLatin1String("delta")) {
            HistoryPage page;
            DeltaView view;
            view.delta.newFindings = {m_scan.findings.all().begin(), m_scan.findings.all().begin() + 5};
            view.delta.resolved = {m_scan.findings.all().end() - 5, m_scan.findings.all().end()};
            page.showDelta(view);
            QTreeWidget* tree = page.deltaTable();
            QCOMPARE(tree->topLevelItemCount(), 10);
            for (int i = 0; i < tree->topLevelItemCount(); ++i) {
                QVERIFY(kWords.contains(tree->topLevelItem(i)->text(1)));
                QVERIFY(!tree->topLevelItem(i)->icon(1).isNull());
                ++cells;
            }
        }
        QVERIFY2(cells > 0, "a table with no severity cell, or a cell without its icon");
    }

    void eachSeverityHasItsOwnShape()
    {
        // Not colour alone: the five icons differ even in greyscale.
        QList<QImage> shapes;
        for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
            Finding f;
            f.severity = s;
            FindingsModel model;
            model.setFindings(std::make_shared<const std::vector<Finding>>(std::vector<Finding>{f}));
            const QImage image = model.index(0, FindingsModel::SeverityColumn)
                                     .data(Qt::DecorationRole)
                                     .value<QIcon>()
                                     .pixmap(16, 16)
                                     .toImage()
                                     .convertToFormat(QImage::Format_Alpha8);
            for (const QImage& other : shapes) {
                QVERIFY(image != other);
            }
            shapes << image;
        }
    }

    void idColumnsAreNotElidedAtTheirFirstWidth()
    {
        // 300 rows of a narrow id first (what resizeColumnToContents measures), the wide ones below them.
        std::vector<Finding> findings =
            findingsOf({{"CTR-002", Severity::Critical}, {"CTR-004", Severity::High}}, 150);
        for (Finding f : findingsOf({{"RUN-018", Severity::Low}, {"HST-049", Severity::Info}, {"SWM-005", Severity::Medium}}, 1)) {
            findings.push_back(f);
        }
        FindingsPage page;
        page.resize(1100, 700);
        page.show();
        page.setFindings(std::make_shared<const std::vector<Finding>>(findings));
        QTableView* table = page.table();
        const int margin = table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1;
        const QFontMetrics metrics(table->font());
        int checked = 0;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            for (int column : {int(FindingsModel::RuleColumn), int(FindingsModel::CisColumn)}) {
                const QModelIndex index = table->model()->index(row, column);
                const QString text = index.data().toString();
                const int room = table->columnWidth(column) - 2 * margin;
                QVERIFY2(metrics.elidedText(text, Qt::ElideRight, room) == text,
                         qPrintable(QStringLiteral("%1 in %2 px").arg(text).arg(room)));
                ++checked;
            }
            // The severity: its word beside its icon.
            const QModelIndex severity = table->model()->index(row, FindingsModel::SeverityColumn);
            const int iconSide = table->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, table);
            const int room = table->columnWidth(FindingsModel::SeverityColumn) - 3 * margin - iconSide;
            QVERIFY2(metrics.elidedText(severity.data().toString(), Qt::ElideRight, room) == severity.data().toString(),
                     qPrintable(severity.data().toString()));
        }
        QCOMPARE(checked, 2 * 303);
    }

    void firstWindowGeometryUsesTheAvailableScreen_data()
    {
        QTest::addColumn<QRect>("available");
        QTest::addColumn<QSize>("size");
        QTest::newRow("a laptop: 85 % of it") << QRect(0, 0, 1920, 1040) << QSize(1632, 884);
        QTest::newRow("a 4K screen: capped at 1920 x 1200") << QRect(0, 0, 3840, 2120) << QSize(1920, 1200);
        QTest::newRow("a small screen: at least 1024 x 700 where it fits") << QRect(0, 0, 1366, 728)
                                                                            << QSize(1161, 700);
        QTest::newRow("a tiny screen: never larger than it") << QRect(0, 0, 800, 600) << QSize(800, 600);
        QTest::newRow("a second screen with a panel on its left: centred in what is left")
            << QRect(1920 + 48, 0, 2560 - 48, 1440) << QSize(1920, 1200);
    }
    void firstWindowGeometryUsesTheAvailableScreen()
    {
        QFETCH(QRect, available);
        QFETCH(QSize, size);
        const QRect r = firstWindowGeometry(available);
        QCOMPARE(r.size(), size);
        QVERIFY(available.contains(r));
        QVERIFY(qAbs(r.center().x() - available.center().x()) <= 1);
        QVERIFY(qAbs(r.center().y() - available.center().y()) <= 1);
    }

    void theWindowOpensAtThatGeometryWithoutSavedSettings()
    {
        QSettings().clear();
        QTemporaryDir dir;
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = dir.filePath(QStringLiteral("history.db"));
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        MainWindow w(std::move(s));
        w.show();
        const QRect available = w.screen()->availableGeometry();
        const QRect expected = firstWindowGeometry(available);
        // The window may not be smaller than its contents allow; up to that, it is exactly the first geometry.
        QCOMPARE(w.size(), expected.size().expandedTo(w.minimumSize()));
        if (w.size() == expected.size()) {
            QCOMPARE(w.pos(), expected.topLeft());
        }
    }
};

QTEST_MAIN(TestSeverityCells)
#include "TestSeverityCells.moc"
