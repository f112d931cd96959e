#include "ui/models/FindingsFilterModel.h"

#include "ui/models/FindingsModel.h"

namespace drydock::ui {

FindingsFilterModel::FindingsFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FindingsModel::SortRole);
}

void FindingsFilterModel::setMinimumSeverity(Severity severity)
{
    m_minimum = severity;
    invalidateFilter();
}

void FindingsFilterModel::setArea(std::optional<Area> area)
{
    m_area = area;
    invalidateFilter();
}

void FindingsFilterModel::setWaivedFilter(WaivedFilter filter)
{
    m_waived = filter;
    invalidateFilter();
}

void FindingsFilterModel::setSearchText(const QString& text)
{
    m_search = text.trimmed().toCaseFolded();
    invalidateFilter();
}

void FindingsFilterModel::setObjectId(const QString& objectName)
{
    m_object = objectName.toCaseFolded();
    invalidateFilter();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = qobject_cast<const FindingsModel*>(sourceModel());
    const Finding* f = model && !sourceParent.isValid() ? model->findingAt(sourceRow) : nullptr;
    if (!f) {
        return false;
    }
    if (f->severity < m_minimum) {
        return false;
    }
    if (m_area && f->area != *m_area) {
        return false;
    }
    const bool waived = f->waiver.has_value();
    if ((m_waived == WaivedFilter::OpenOnly && waived) || (m_waived == WaivedFilter::WaivedOnly && !waived)) {
        return false;
    }
    if (!m_object.isEmpty() || !m_search.isEmpty()) {
        const QString& text = model->searchText(sourceRow);
        if (!m_object.isEmpty() && !text.section(QLatin1Char('\n'), 1, 1).contains(m_object)) {
            return false;
        }
        if (!m_search.isEmpty() && !text.contains(m_search)) {
            return false;
        }
    }
    return true;
}

bool FindingsFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto* model = qobject_cast<const FindingsModel*>(sourceModel());
    const Finding* a = model ? model->findingAt(left.row()) : nullptr;
    const Finding* b = model ? model->findingAt(right.row()) : nullptr;
    if (!a || !b) {
        return QSortFilterProxyModel::lessThan(left, right);
    }
    switch (left.column()) {
    case FindingsModel::SeverityColumn:
        if (a->severity != b->severity) {
            return a->severity < b->severity;
        }
        return a->ruleId > b->ruleId; // within a severity, rule ids read top-down when sorted descending
    case FindingsModel::RuleColumn: return a->ruleId < b->ruleId;
    case FindingsModel::AreaColumn: return a->area < b->area;
    case FindingsModel::ObjectColumn:
        return a->object.type != b->object.type ? a->object.type < b->object.type : a->object.name < b->object.name;
    case FindingsModel::TitleColumn: return a->title < b->title;
    case FindingsModel::StatusColumn: return a->waiver.has_value() < b->waiver.has_value();
    default: return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace drydock::ui
