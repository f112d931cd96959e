#include "ui/widgets/FleetSummaryView.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

QTableWidgetItem* cell(const QString& text, const QString& tip = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (!tip.isEmpty()) {
        item->setToolTip(tip);
    }
    return item;
}

QTableWidgetItem* number(int value)
{
    auto* item = cell(QString::number(value));
    item->setData(Qt::DisplayRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

FleetSummaryView::FleetSummaryView(QWidget* parent) : QWidget(parent)
{
    m_headline = new QLabel(tr("No fleet scan yet."), this);
    m_headline->setObjectName(QStringLiteral("fleetHeadline"));
    m_endpoints = new QTableWidget(0, ColumnCount, this);
    m_endpoints->setObjectName(QStringLiteral("fleetEndpoints"));
    m_endpoints->setHorizontalHeaderLabels({tr("Endpoint"), tr("Address"), tr("Status"), tr("Score"),
                                            tr("Critical"), tr("High"), tr("Medium"), tr("Low"), tr("Info"),
                                            tr("Since previous")});
    m_endpoints->setColumnHidden(ChangesColumn, true);
    m_endpoints->verticalHeader()->hide();
    // The counts and the change since the previous scan are what a reader compares across rows: they keep
    // their full width; the address takes what is left and is elided in the middle (its tooltip is whole).
    for (int column = 0; column < ColumnCount; ++column) {
        m_endpoints->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_endpoints->horizontalHeader()->setSectionResizeMode(AddressColumn, QHeaderView::Stretch);
    m_endpoints->setWordWrap(false);
    m_endpoints->setTextElideMode(Qt::ElideMiddle);
    m_endpoints->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_worst = new QTableWidget(0, 5, this);
    m_worst->setObjectName(QStringLiteral("fleetWorst"));
    m_worst->setHorizontalHeaderLabels(
        {tr("Severity"), tr("Rule"), tr("Endpoint"), tr("Object"), tr("Finding")});
    m_worst->verticalHeader()->hide();
    m_worst->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_worst->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_endpoints, 1);
    layout->addWidget(new QLabel(tr("Worst open findings across the fleet"), this));
    layout->addWidget(m_worst, 1);
}

void FleetSummaryView::setChangesShown(bool shown)
{
    m_endpoints->setColumnHidden(ChangesColumn, !shown);
}

void FleetSummaryView::reset(const std::vector<FleetTarget>& targets)
{
    m_endpoints->setColumnHidden(NameColumn, false);
    m_headline->setText(tr("Scanning %n endpoint(s)…", nullptr, static_cast<int>(targets.size())));
    m_endpoints->setSortingEnabled(false); // rows follow the targets' indices while scanning
    m_endpoints->setRowCount(static_cast<int>(targets.size()));
    for (int row = 0; row < static_cast<int>(targets.size()); ++row) {
        const FleetTarget& t = targets[static_cast<std::size_t>(row)];
        m_endpoints->setItem(row, NameColumn, cell(displayText(t.name, 80)));
        const QString address = displayText(t.endpoint.display(), 200);
        m_endpoints->setItem(row, AddressColumn, cell(address, address));
        m_endpoints->setItem(row, StatusColumn, cell(tr("waiting")));
        for (int c = ScoreColumn; c < ColumnCount; ++c) {
            m_endpoints->setItem(row, c, cell(QString()));
        }
    }
    m_worst->setRowCount(0);
}

void FleetSummaryView::setStage(int index, const QString& stage, const QString& detail)
{
    if (index < 0 || index >= m_endpoints->rowCount()) {
        return;
    }
    m_endpoints->setItem(index, StatusColumn, cell(stage, detail));
}

void FleetSummaryView::setSummary(const FleetSummary& s)
{
    m_headline->setText(tr("%1 endpoint(s): %2 scanned, %3 unreachable.")
                            .arg(s.endpoints.size())
                            .arg(s.reachable)
                            .arg(s.unreachable));
    m_endpoints->setSortingEnabled(false);
    m_endpoints->setRowCount(static_cast<int>(s.endpoints.size()));
    // From the history an endpoint is known by its address only: one column says it.
    bool namedByAddress = true;
    for (const auto& e : s.endpoints) {
        namedByAddress = namedByAddress && e.name == e.address;
    }
    m_endpoints->setColumnHidden(NameColumn, namedByAddress && !s.endpoints.empty());
    for (int row = 0; row < static_cast<int>(s.endpoints.size()); ++row) {
        const auto& e = s.endpoints[static_cast<std::size_t>(row)];
        m_endpoints->setItem(row, NameColumn, cell(displayText(e.name, 80)));
        const QString address = displayText(e.address, 200);
        m_endpoints->setItem(row, AddressColumn, cell(address, address));
        if (!e.reachable) {
            auto* status = cell(tr("unreachable"), displayText(e.error, 600));
            status->setForeground(severityColor(Severity::Critical));
            m_endpoints->setItem(row, StatusColumn, status);
            for (int c = ScoreColumn; c < ColumnCount; ++c) {
                m_endpoints->setItem(row, c, cell(QString()));
            }
            continue;
        }
        QString status = e.scanId > 0 ? tr("scan %1").arg(e.scanId) : tr("scanned (not stored)");
        if (e.scannedAtUnix > 0) {
            status += QStringLiteral(" · ") + dateText(e.scannedAtUnix);
        }
        m_endpoints->setItem(row, StatusColumn, cell(status));
        m_endpoints->setItem(row, ScoreColumn,
                             cell(QStringLiteral("%1 %2").arg(e.posture.score).arg(qs(e.posture.grade()))));
        const Severity order[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low,
                                  Severity::Info};
        for (int i = 0; i < 5; ++i) {
            m_endpoints->setItem(row, CriticalColumn + i, number(e.open[static_cast<int>(order[i])]));
        }
        m_endpoints->setItem(
            row, ChangesColumn,
            e.baselineScanId ? cell(e.newFindings == 0 && e.resolvedFindings == 0
                                        ? tr("no change")
                                        : tr("+%1 new, −%2 resolved").arg(e.newFindings).arg(e.resolvedFindings),
                                    tr("Compared with scan %1").arg(*e.baselineScanId))
                             : cell(e.scanId > 0 ? tr("first scan") : QString()));
    }
    m_worst->setRowCount(static_cast<int>(s.worst.size()));
    for (int row = 0; row < static_cast<int>(s.worst.size()); ++row) {
        const auto& w = s.worst[static_cast<std::size_t>(row)];
        auto* severity = cell(severityText(w.finding.severity));
        severity->setForeground(severityCellData(w.finding.severity, Qt::ForegroundRole).value<QBrush>());
        severity->setIcon(severityIcon(w.finding.severity));
        m_worst->setItem(row, 0, severity);
        m_worst->setItem(row, 1, cell(qs(w.finding.ruleId)));
        m_worst->setItem(row, 2, cell(displayText(w.endpoint, 80)));
        m_worst->setItem(row, 3, cell(displayText(w.finding.object.name, 120)));
        m_worst->setItem(row, 4,
                         cell(displayText(w.finding.title, 200), displayText(w.finding.evidence, 600)));
    }
}

} // namespace drydock::ui
