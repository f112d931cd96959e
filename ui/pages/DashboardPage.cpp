#include "ui/pages/DashboardPage.h"

#include "core/report/FixPriorities.h"
#include "core/results/PostureScore.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/WorstObjectsModel.h"
#include "ui/pages/TrendChart.h"
#include "ui/widgets/FleetSummaryView.h"
#include "ui/widgets/SeverityBadge.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SeverityCell.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QHeaderView>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace drydock::ui {

namespace {

// Charts draw with their own theme; take text and line colours from the widget palette instead, so axis
// labels and the legend stay readable on dark palettes.
void applyPalette(QChart* chart, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.18f);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setTitleBrush(text);
    }
    chart->legend()->setLabelColor(text);
}

void replaceChart(QWidget* holder, QChart* chart)
{
    applyPalette(chart, holder->palette());
    auto* layout = holder->layout();
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    auto* view = new QChartView(chart, holder);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(170);
    layout->addWidget(view);
}

QGroupBox* box(const QString& title, QWidget* parent)
{
    auto* b = new QGroupBox(title, parent);
    new QVBoxLayout(b);
    return b;
}

} // namespace

DashboardPage::DashboardPage(QWidget* parent) : QWidget(parent)
{
    m_score = new QLabel(QStringLiteral("—"), this);
    m_score->setObjectName(QStringLiteral("postureScore"));
    QFont f = m_score->font();
    f.setPointSizeF(f.pointSizeF() * 3.2);
    f.setBold(true);
    m_score->setFont(f);
    m_grade = new QLabel(this);
    QFont g = m_grade->font();
    g.setPointSizeF(g.pointSizeF() * 1.6);
    m_grade->setFont(g);
    m_scoreHelp = new QLabel(QString::fromStdString(PostureScore::explanation()), this);
    m_scoreHelp->setWordWrap(true);
    m_scoreHelp->setObjectName(QStringLiteral("scoreExplanation"));
    m_scanInfo = new QLabel(tr("No scan yet. Press F5 to scan."), this);
    m_scanInfo->setTextFormat(Qt::PlainText);
    m_scanInfo->setWordWrap(true);
    m_changes = new QLabel(this);
    m_changes->setObjectName(QStringLiteral("changesSincePrevious"));

    auto* scoreBox = box(tr("Posture"), this);
    auto* scoreRow = new QHBoxLayout;
    scoreRow->addWidget(m_score);
    scoreRow->addWidget(m_grade, 0, Qt::AlignBottom);
    scoreRow->addStretch();
    auto* badges = new QHBoxLayout;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        auto* badge = new SeverityBadge(this);
        badge->setSeverity(s, 0);
        badges->addWidget(badge);
        m_badges.push_back(badge);
    }
    badges->addStretch();
    auto* scoreLayout = static_cast<QVBoxLayout*>(scoreBox->layout());
    scoreLayout->addLayout(scoreRow);
    scoreLayout->addLayout(badges);
    scoreLayout->addWidget(m_scanInfo);
    scoreLayout->addWidget(m_changes);
    scoreLayout->addWidget(m_scoreHelp);

    auto* areaBox = box(tr("Open findings by area"), this);
    m_areaChartHolder = new QWidget(areaBox);
    new QVBoxLayout(m_areaChartHolder);
    areaBox->layout()->addWidget(m_areaChartHolder);

    auto* worstBox = box(tr("Worst objects"), this);
    m_worstModel = new WorstObjectsModel(this);
    m_worstSorted = new QSortFilterProxyModel(this);
    m_worstSorted->setSourceModel(m_worstModel);
    m_worstSorted->setSortRole(WorstObjectsModel::SortRole);
    m_worst = new QTableView(worstBox);
    m_worst->setObjectName(QStringLiteral("worstObjects"));
    m_worst->setModel(m_worstSorted);
    m_worst->setItemDelegateForColumn(WorstObjectsModel::WorstColumn, new SeverityBadgeDelegate(m_worst));
    m_worst->setSortingEnabled(true);
    m_worst->sortByColumn(WorstObjectsModel::ScoreColumn, Qt::DescendingOrder);
    m_worst->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_worst->setSelectionMode(QAbstractItemView::SingleSelection);
    m_worst->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_worst->setAlternatingRowColors(true);
    m_worst->verticalHeader()->hide();
    m_worst->horizontalHeader()->setMinimumSectionSize(24);
    m_worst->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_worst->horizontalHeader()->setSectionResizeMode(WorstObjectsModel::ObjectColumn, QHeaderView::Stretch);
    m_worst->setToolTip(tr("Click or press Enter to see an object's findings; click a header to sort"));
    worstBox->layout()->addWidget(m_worst);
    // activated is a double click or Enter; a single click opens the object too, as the box says.
    const auto openObject = [this](const QModelIndex& index) {
        if (index.isValid()) {
            emit objectActivated(m_worstSorted->data(index, WorstObjectsModel::ObjectNameRole).toString());
        }
    };
    connect(m_worst, &QTableView::activated, this, openObject);
    connect(m_worst, &QTableView::clicked, this, openObject);

    const auto priorityList = [this](const QString& title, const QString& name, const QString& help) {
        auto* b = box(title, this);
        auto* list = new QListWidget(b);
        list->setObjectName(name);
        list->setWordWrap(true);
        list->setTextElideMode(Qt::ElideNone);
        list->setAlternatingRowColors(true);
        list->setToolTip(help);
        b->layout()->addWidget(list);
        return std::pair{b, list};
    };
    auto [fixFirstBox, fixFirst] =
        priorityList(tr("Fix first"), QStringLiteral("fixFirst"),
                     tr("The highest risks, ranked by severity then exposure — the same list as the report's first "
                        "page. Click or press Enter to open the finding."));
    auto [quickWinsBox, quickWins] =
        priorityList(tr("Quick wins"), QStringLiteral("quickWins"),
                     tr("Changes that resolve the most findings for the least risk of breaking something"));
    m_fixFirst = fixFirst;
    m_quickWins = quickWins;
    const auto openFinding = [this](QListWidgetItem* item) {
        if (item && !item->data(Qt::UserRole).toString().isEmpty()) {
            emit findingActivated(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
        }
    };
    connect(m_fixFirst, &QListWidget::itemActivated, this, openFinding);
    connect(m_fixFirst, &QListWidget::itemClicked, this, openFinding);
    const auto openRule = [this](QListWidgetItem* item) {
        if (item && !item->data(Qt::UserRole).toString().isEmpty()) {
            emit objectActivated(item->data(Qt::UserRole).toString());
        }
    };
    connect(m_quickWins, &QListWidget::itemActivated, this, openRule);

    auto* trendBox = box(tr("Trend (last 90 days)"), this);
    m_trendTabs = new QTabWidget(trendBox);
    m_trendTabs->setObjectName(QStringLiteral("trendTabs"));
    m_trendTabs->setDocumentMode(true);
    m_trendChartHolder = new QWidget(m_trendTabs);
    new QVBoxLayout(m_trendChartHolder);
    m_fleetTrendHolder = new QWidget(m_trendTabs);
    new QVBoxLayout(m_fleetTrendHolder);
    m_trendTabs->addTab(m_trendChartHolder, tr("This endpoint"));
    m_trendTabs->addTab(m_fleetTrendHolder, tr("Fleet"));
    m_trendTabs->setTabToolTip(1, tr("Open findings summed over every endpoint, each counted with its latest "
                                     "scan on or before that day"));
    trendBox->layout()->addWidget(m_trendTabs);

    m_fleetBox = box(tr("Fleet"), this);
    m_fleetBox->setObjectName(QStringLiteral("fleetBox"));
    m_fleetView = new FleetSummaryView(m_fleetBox);
    auto* fleetButtons = new QHBoxLayout;
    auto* scanFleet = new QPushButton(tr("Scan the fleet…"), m_fleetBox);
    scanFleet->setObjectName(QStringLiteral("scanFleet"));
    scanFleet->setToolTip(tr("Scan every saved endpoint again (File ▸ Endpoints and fleet scan…)"));
    auto* exportFleet = new QPushButton(tr("Export fleet report…"), m_fleetBox);
    exportFleet->setObjectName(QStringLiteral("exportFleet"));
    exportFleet->setToolTip(tr("Save this fleet view as HTML, PDF or JSON"));
    fleetButtons->addWidget(scanFleet);
    fleetButtons->addWidget(exportFleet);
    fleetButtons->addStretch();
    m_fleetBox->layout()->addWidget(m_fleetView);
    static_cast<QVBoxLayout*>(m_fleetBox->layout())->addLayout(fleetButtons);
    connect(scanFleet, &QPushButton::clicked, this, &DashboardPage::fleetScanRequested);
    connect(exportFleet, &QPushButton::clicked, this, &DashboardPage::fleetExportRequested);

    // What to act on (fix first, worst objects, quick wins) above how things stand (areas, trend).
    // Columns rather than grid rows, so the posture box keeps its own height and the lists take the rest.
    auto* left = new QVBoxLayout;
    left->addWidget(scoreBox);
    left->addWidget(worstBox, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(fixFirstBox, 3);
    right->addWidget(quickWinsBox, 2);
    auto* grid = new QGridLayout(this);
    grid->addLayout(left, 0, 0);
    grid->addLayout(right, 0, 1);
    grid->addWidget(areaBox, 1, 0);
    grid->addWidget(trendBox, 1, 1);
    grid->addWidget(m_fleetBox, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    setTrend({});
    setFleet(nullptr, {});
}

void DashboardPage::setScan(const ScanResult& scan)
{
    const Inventory& inv = scan.inventory;
    const int objects = static_cast<int>(inv.containers.size() + inv.images.size() + inv.networks.size() +
                                         inv.volumes.size());
    showFindings(scan, objects,
                 tr("%1 · %2 · scanned %3 · %4 containers, %5 images, %6 waived")
                     .arg(displayText(inv.endpoint, 120), displayText(inv.engineName + " " + inv.engineVersion, 60),
                          dateText(scan.startedAtUnix))
                     .arg(inv.containers.size())
                     .arg(inv.images.size())
                     .arg(scan.findings.waivedCount()));
}

void DashboardPage::setStoredScan(const ScanResult& scan, const ScanSummary& summary)
{
    // The summary keeps the object counts the history has no inventory for, so the score is the one shown
    // when the scan was live.
    showFindings(scan, summary.objects(),
                 tr("%1 · %2 · stored scan from %3 (read-only until a new scan finishes) · %4 containers, %5 images, "
                    "%6 waived")
                     .arg(displayText(summary.endpoint, 120),
                          displayText(summary.engineName + " " + summary.engineVersion, 60),
                          dateText(summary.startedAtUnix))
                     .arg(summary.containers)
                     .arg(summary.images)
                     .arg(scan.findings.waivedCount()));
    m_changes->setText(tr("The last stored scan; changes appear when the new scan finishes."));
}

void DashboardPage::showFindings(const ScanResult& scan, int objects, const QString& info)
{
    const FindingSet& findings = scan.findings;
    const PostureScore score = PostureScore::compute(findings, objects);
    m_score->setText(QString::number(score.score));
    m_grade->setText(tr("grade %1").arg(qs(score.grade())));
    const auto counts = findings.countsBySeverity();
    const Severity order[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};
    for (std::size_t i = 0; i < m_badges.size(); ++i) {
        m_badges[i]->setSeverity(order[i], counts[static_cast<std::size_t>(order[i])]);
    }
    m_scanInfo->setText(info);

    // Open findings per area, stacked by severity.
    auto* chart = new QChart;
    auto* series = new QBarSeries(chart);
    const Area areas[] = {Area::Image, Area::Container, Area::Runtime, Area::Network, Area::Secrets, Area::Daemon, Area::Swarm, Area::Host};
    QStringList categories;
    for (Area a : areas) {
        categories << QString::fromLatin1(displayName(a));
    }
    // One pass over the findings (tens of thousands on a large host), not one per bar.
    std::map<std::pair<Severity, Area>, int> open;
    for (const auto& fnd : findings.all()) {
        if (!fnd.waiver) {
            ++open[{fnd.severity, fnd.area}];
        }
    }
    for (Severity s : order) {
        auto* set = new QBarSet(severityText(s), series);
        set->setColor(severityColor(s));
        for (Area a : areas) {
            const auto n = open.find({s, a});
            *set << (n == open.end() ? 0 : n->second);
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis(chart);
    axisX->append(categories);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto* axisY = new QValueAxis(chart);
    axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    replaceChart(m_areaChartHolder, chart);

    m_worstModel->setFindings(findings);
    showPriorities(scan);
}

void DashboardPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (QChartView* view : findChildren<QChartView*>()) {
            applyPalette(view->chart(), palette());
        }
    }
}

void DashboardPage::setDelta(const ScanDelta* delta)
{
    if (!delta) {
        m_changes->setText(tr("First scan of this endpoint: nothing to compare yet."));
        return;
    }
    m_changes->setText(tr("Since the previous scan: %1 new, %2 resolved, %3 unchanged")
                           .arg(delta->newFindings.size())
                           .arg(delta->resolved.size())
                           .arg(delta->unchanged));
}

void DashboardPage::showPriorities(const ScanResult& scan)
{
    m_fixFirst->clear();
    m_quickWins->clear();
    if (!m_catalogue) {
        return;
    }
    // The report's first page and this box are one ranking: the same core function, the same order.
    const FixPriorities priorities = computeFixPriorities(scan, *m_catalogue);
    int rank = 0;
    for (const FixFirstItem& item : priorities.fixFirst) {
        const QString head = tr("%1. %2 · %3 — %4")
                                 .arg(++rank)
                                 .arg(severityText(item.severity), displayText(item.object.name, 80),
                                      displayText(item.title, 160));
        auto* line = new QListWidgetItem(severityIcon(item.severity),
                                         head + QLatin1Char('\n') + tr("Attacker: %1").arg(displayText(item.attackerGains, 300)) +
                                             QLatin1Char('\n') + tr("Fix: %1").arg(displayText(item.fix, 300)),
                                         m_fixFirst);
        line->setData(Qt::UserRole, qs(item.object.name));
        line->setData(Qt::UserRole + 1, qs(item.ruleId));
        line->setToolTip(tr("%1 on %2 %3 — press Enter to open the finding")
                             .arg(qs(item.ruleId), qs(toString(item.object.type)), displayText(item.object.name, 80)));
    }
    if (priorities.fixFirst.empty()) {
        m_fixFirst->addItem(tr("Nothing to fix: no open finding above info."));
    }
    for (const QuickWin& win : priorities.quickWins) {
        auto* line = new QListWidgetItem(severityIcon(win.severity),
                                         displayText(win.title, 160) + QLatin1Char('\n') + displayText(win.summary, 600),
                                         m_quickWins);
        // A quick win spans objects: opening it lists every finding of its rule.
        line->setData(Qt::UserRole, qs(win.ruleId));
        line->setToolTip(tr("%1 — press Enter to list its findings").arg(qs(win.ruleId)));
    }
    if (priorities.quickWins.empty()) {
        m_quickWins->addItem(tr("No default change resolves an open finding."));
    }
}

QDate DashboardPage::today() const
{
    return m_nowUnix ? QDateTime::fromSecsSinceEpoch(m_nowUnix()).date() : QDate::currentDate();
}

void DashboardPage::setTrend(const std::vector<TrendPoint>& trend, const std::vector<ScanSummary>& scans)
{
    std::map<std::int64_t, std::int64_t> startById;
    for (const auto& s : scans) {
        startById.emplace(s.id, s.startedAtUnix);
    }
    replaceChart(m_trendChartHolder, trendChart(localTrendDays(trend, startById), today()));
}

void DashboardPage::setFleet(std::shared_ptr<const FleetSummary> fleet, const std::vector<FleetTrendPoint>& trend)
{
    m_fleet = std::move(fleet);
    const bool shown = m_fleet && m_fleet->endpoints.size() > 1;
    m_fleetBox->setVisible(shown);
    m_trendTabs->setTabEnabled(1, shown);
    if (!shown) {
        m_trendTabs->setCurrentIndex(0);
        return;
    }
    m_fleetBox->setTitle(tr("Fleet: the latest scan of each of %n endpoint(s)", nullptr,
                            static_cast<int>(m_fleet->endpoints.size())));
    m_fleetView->setSummary(*m_fleet);
    replaceChart(m_fleetTrendHolder, trendChart(fleetTrendDays(trend), today()));
}

} // namespace drydock::ui
