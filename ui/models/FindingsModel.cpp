#include "ui/models/FindingsModel.h"

#include "ui/bridge/QtConvert.h"

#include <QBrush>

namespace drydock::ui {

FindingsModel::FindingsModel(QObject* parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(std::shared_ptr<const std::vector<Finding>> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

const Finding* FindingsModel::findingAt(int row) const
{
    if (!m_findings || row < 0 || row >= static_cast<int>(m_findings->size())) {
        return nullptr;
    }
    return &(*m_findings)[static_cast<std::size_t>(row)];
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_findings ? 0 : static_cast<int>(m_findings->size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    const Finding* f = index.isValid() ? findingAt(index.row()) : nullptr;
    if (!f) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return severityText(f->severity);
        case RuleColumn: return qs(f->ruleId);
        case AreaColumn: return QString::fromLatin1(displayName(f->area));
        case ObjectColumn: return QStringLiteral("%1 %2").arg(QString::fromLatin1(toString(f->object.type)),
                                                               displayText(f->object.name, 80));
        case TitleColumn: return displayText(f->title, 200);
        case StatusColumn: return f->waiver ? tr("Waived") : tr("Open");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn: return static_cast<int>(f->severity);
        case AreaColumn: return static_cast<int>(f->area);
        case StatusColumn: return f->waiver ? 1 : 0;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn) {
            return QBrush(severityColor(f->severity));
        }
        if (f->waiver) {
            return QBrush(Qt::gray);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn || index.column() == ObjectColumn) {
            return displayText(f->evidence, 300);
        }
        if (index.column() == StatusColumn && f->waiver) {
            return displayText(f->waiver->reason, 300);
        }
        break;
    case SeverityRole: return static_cast<int>(f->severity);
    case AreaRole: return static_cast<int>(f->area);
    case WaivedRole: return f->waiver.has_value();
    case SearchTextRole:
        return qs(f->ruleId + '\n' + f->object.name + '\n' + f->title + '\n' + f->evidence + '\n' + f->cis.id);
    default: break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case RuleColumn: return tr("Rule");
    case AreaColumn: return tr("Area");
    case ObjectColumn: return tr("Object");
    case TitleColumn: return tr("Finding");
    case StatusColumn: return tr("Status");
    }
    return {};
}

} // namespace drydock::ui
