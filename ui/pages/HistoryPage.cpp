#include "ui/pages/HistoryPage.h"

#include "ui/bridge/HistoryController.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/HistoryModel.h"
#include "ui/widgets/SeverityCell.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace drydock::ui {

HistoryPage::HistoryPage(QWidget* parent) : QWidget(parent)
{
    m_model = new HistoryModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(HistoryModel::EndpointColumn, QHeaderView::Stretch);
    m_open = new QPushButton(tr("Open scan"), this);
    m_open->setObjectName(QStringLiteral("openScanButton"));
    m_compare = new QPushButton(tr("Compare two scans"), this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_deltaSummary = new QLabel(tr("Select two scans of the same endpoint and press Compare."), this);
    m_deltaSummary->setObjectName(QStringLiteral("deltaSummary"));
    m_deltaSummary->setTextFormat(Qt::PlainText);
    m_deltaSummary->setWordWrap(true);
    m_deltaTable = new QTreeWidget(this);
    m_deltaTable->setObjectName(QStringLiteral("deltaTable"));
    m_deltaTable->setRootIsDecorated(false);
    m_deltaTable->setUniformRowHeights(true);
    m_deltaTable->setAlternatingRowColors(true);
    m_deltaTable->setHeaderLabels({tr("Change"), tr("Severity"), tr("Rule"), tr("Object"), tr("Finding")});
    m_deltaTable->header()->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryPage::updateButtons);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) {
        emit openRequested(m_model->data(i, HistoryModel::ScanIdRole).toLongLong());
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            emit openRequested(m_model->data(rows.first(), HistoryModel::ScanIdRole).toLongLong());
        }
    });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (rows.size() == 2) {
            qint64 a = m_model->data(rows[0], HistoryModel::ScanIdRole).toLongLong();
            qint64 b = m_model->data(rows[1], HistoryModel::ScanIdRole).toLongLong();
            emit compareRequested(std::min(a, b), std::max(a, b));
        }
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addStretch();
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    auto* delta = new QWidget(this);
    auto* deltaLayout = new QVBoxLayout(delta);
    deltaLayout->setContentsMargins(0, 0, 0, 0);
    deltaLayout->addWidget(m_deltaSummary);
    deltaLayout->addWidget(m_deltaTable, 1);
    splitter->addWidget(delta);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    updateButtons();
}

void HistoryPage::setScans(std::vector<ScanSummary> scans)
{
    m_model->setScans(std::move(scans));
    m_table->resizeColumnsToContents();
    updateButtons();
}

void HistoryPage::updateButtons()
{
    const int selected = m_table->selectionModel() ? static_cast<int>(m_table->selectionModel()->selectedRows().size()) : 0;
    m_open->setEnabled(selected >= 1);
    m_compare->setEnabled(selected == 2);
}

void HistoryPage::showDelta(const DeltaView& view)
{
    m_deltaSummary->setText(tr("From scan %1 (%2) to scan %3 (%4): %5 new, %6 resolved, %7 unchanged")
                                .arg(view.baseline.id)
                                .arg(dateText(view.baseline.startedAtUnix))
                                .arg(view.later.id)
                                .arg(dateText(view.later.startedAtUnix))
                                .arg(view.delta.newFindings.size())
                                .arg(view.delta.resolved.size())
                                .arg(view.delta.unchanged));
    m_deltaTable->clear();
    QList<QTreeWidgetItem*> items;
    const auto list = [&](const QString& change, const std::vector<Finding>& fs) {
        for (const auto& f : fs) {
            auto* item = new QTreeWidgetItem({change, severityText(f.severity), qs(f.ruleId),
                                              displayText(f.object.name, 80), displayText(f.title, 160)});
            item->setIcon(1, severityIcon(f.severity));
            item->setForeground(1, severityCellData(f.severity, Qt::ForegroundRole).value<QBrush>());
            item->setToolTip(4, displayText(f.evidence, 300));
            items << item;
        }
    };
    list(tr("New"), view.delta.newFindings);
    list(tr("Resolved"), view.delta.resolved);
    m_deltaTable->addTopLevelItems(items);
    for (int c = 0; c < 4; ++c) {
        m_deltaTable->resizeColumnToContents(c);
    }
}

} // namespace drydock::ui
