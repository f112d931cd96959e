#include "ui/models/HistoryModel.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

namespace drydock::ui {

HistoryModel::HistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void HistoryModel::setScans(std::vector<ScanSummary> scans)
{
    beginResetModel();
    m_scans = std::move(scans);
    endResetModel();
}

const ScanSummary* HistoryModel::scanAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_scans.size()) ? &m_scans[static_cast<std::size_t>(row)] : nullptr;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_scans.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    const ScanSummary* s = index.isValid() ? scanAt(index.row()) : nullptr;
    if (!s) {
        return {};
    }
    const auto count = [&](Severity sev) { return s->counts[static_cast<std::size_t>(sev)]; };
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case IdColumn: return QVariant::fromValue<qint64>(s->id);
        case StartedColumn:
            return role == SortRole ? QVariant::fromValue<qint64>(s->startedAtUnix) : QVariant(dateText(s->startedAtUnix));
        case EndpointColumn: return displayText(s->endpoint, 120);
        case CriticalColumn: return count(Severity::Critical);
        case HighColumn: return count(Severity::High);
        case MediumColumn: return count(Severity::Medium);
        case LowColumn: return count(Severity::Low);
        case WaivedColumn: return s->waived;
        }
    }
    if (role == ScanIdRole) {
        return QVariant::fromValue<qint64>(s->id);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DecorationRole) {
        // The counts' columns carry the severities' shapes, as every severity the window shows.
        switch (section) {
        case CriticalColumn: return severityIcon(Severity::Critical);
        case HighColumn: return severityIcon(Severity::High);
        case MediumColumn: return severityIcon(Severity::Medium);
        case LowColumn: return severityIcon(Severity::Low);
        default: return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn: return tr("Scan");
    case StartedColumn: return tr("Started");
    case EndpointColumn: return tr("Endpoint");
    case CriticalColumn: return tr("Critical");
    case HighColumn: return tr("High");
    case MediumColumn: return tr("Medium");
    case LowColumn: return tr("Low");
    case WaivedColumn: return tr("Waived");
    }
    return {};
}

} // namespace drydock::ui
