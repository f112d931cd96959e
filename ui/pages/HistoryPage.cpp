#include "ui/pages/HistoryPage.h"

#include "ui/bridge/HistoryController.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/HistoryModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
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
    m_delta = new QPlainTextEdit(this);
    m_delta->setObjectName(QStringLiteral("deltaView"));
    m_delta->setReadOnly(true);
    m_delta->setPlaceholderText(tr("Select two scans of the same endpoint and press Compare."));
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
    splitter->addWidget(m_delta);
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
    QStringList lines;
    lines << tr("From scan %1 (%2) to scan %3 (%4): %5 new, %6 resolved, %7 unchanged")
                 .arg(view.baseline.id)
                 .arg(dateText(view.baseline.startedAtUnix))
                 .arg(view.later.id)
                 .arg(dateText(view.later.startedAtUnix))
                 .arg(view.delta.newFindings.size())
                 .arg(view.delta.resolved.size())
                 .arg(view.delta.unchanged);
    const auto list = [&](const char* mark, const std::vector<Finding>& fs) {
        for (const auto& f : fs) {
            lines << QStringLiteral("%1 %2 %3 %4 — %5")
                         .arg(QLatin1String(mark), severityText(f.severity), qs(f.ruleId), displayText(f.object.name, 80),
                              displayText(f.title, 160));
        }
    };
    list("+", view.delta.newFindings);
    list("−", view.delta.resolved);
    m_delta->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace drydock::ui
