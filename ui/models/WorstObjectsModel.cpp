#include "ui/models/WorstObjectsModel.h"

#include "core/results/PostureScore.h"
#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SeverityCell.h"

#include <algorithm>
#include <unordered_map>

namespace drydock::ui {

namespace {

constexpr Severity kCountColumns[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low};

} // namespace

WorstObjectsModel::WorstObjectsModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorstObjectsModel::setFindings(const FindingSet& findings)
{
    beginResetModel();
    m_rows.clear();
    std::unordered_map<std::string, std::size_t> rowOf; // "type/id" -> row
    for (const auto& f : findings.all()) {
        if (f.waiver) {
            continue;
        }
        const std::string key = std::string(toString(f.object.type)) + "/" + f.object.id;
        auto [it, added] = rowOf.try_emplace(key, m_rows.size());
        if (added) {
            Row row;
            row.id = f.object.id;
            row.name = f.object.name;
            row.type = f.object.type;
            row.worst = f.severity;
            m_rows.push_back(std::move(row));
        }
        Row& row = m_rows[it->second];
        row.worst = std::max(row.worst, f.severity);
        ++row.counts[static_cast<std::size_t>(f.severity)];
        ++row.total;
        row.score += PostureScore::weight(f.severity);
    }
    // Info-only objects cost nothing in the score: they are not "worst" anything.
    std::erase_if(m_rows, [](const Row& r) { return r.score <= 0; });
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const Row& a, const Row& b) { return a.score > b.score; });
    endResetModel();
}

int WorstObjectsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WorstObjectsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorstObjectsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    if (role == ObjectNameRole) {
        return qs(r.name);
    }
    if (column == WorstColumn && role != SortRole) {
        if (QVariant cell = severityCellData(r.worst, role); cell.isValid()) {
            return cell; // the word, its shape and the badge's severity
        }
    }
    if (role == Qt::TextAlignmentRole) {
        return column >= CriticalColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    }
    if (role == Qt::ToolTipRole && column == ScoreColumn) {
        return tr("Points this object costs the posture score (its open findings weighted by severity)");
    }
    if (role == Qt::ToolTipRole && column >= CriticalColumn && column <= LowColumn) {
        return tr("Open %1 findings").arg(severityText(kCountColumns[column - CriticalColumn]).toLower());
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::AccessibleTextRole) {
        return {};
    }
    const bool sort = role == SortRole;
    switch (column) {
    case ObjectColumn:
        return sort ? QVariant(qs(r.name).toLower()) : QVariant(displayText(r.name, 100));
    case TypeColumn:
        return qs(toString(r.type));
    case WorstColumn:
        return sort ? QVariant(static_cast<int>(r.worst)) : QVariant(severityText(r.worst));
    case FindingsColumn:
        return r.total;
    case ScoreColumn:
        return r.score;
    default: {
        const Severity s = kCountColumns[column - CriticalColumn];
        return r.counts[static_cast<std::size_t>(s)];
    }
    }
}

QVariant WorstObjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= CriticalColumn &&
        section <= LowColumn) {
        return tr("Open %1 findings").arg(severityText(kCountColumns[section - CriticalColumn]).toLower());
    }
    if (orientation == Qt::Horizontal && role == Qt::DecorationRole && section >= CriticalColumn &&
        section <= LowColumn) {
        return severityIcon(
            kCountColumns[section - CriticalColumn]); // the counts' columns carry the shapes too
    }
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= CriticalColumn &&
        section <= LowColumn) {
        // The shape alone (the tooltip names it): a shape and a letter made the four columns so wide that the
        // object's name, the column that stretches, had no room left in half a window.
        return QString();
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ObjectColumn:
        return tr("Object");
    case TypeColumn:
        return tr("Type");
    case WorstColumn:
        return tr("Worst");
    // One letter per severity keeps the object's name readable in half a window; the tooltip says which.
    case CriticalColumn:
        return tr("C");
    case HighColumn:
        return tr("H");
    case MediumColumn:
        return tr("M");
    case LowColumn:
        return tr("L");
    case FindingsColumn:
        return tr("Total");
    case ScoreColumn:
        return tr("Score");
    default:
        return {};
    }
}

} // namespace drydock::ui
