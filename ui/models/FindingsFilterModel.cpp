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
    m_search = text.trimmed();
    invalidateFilter();
}

void FindingsFilterModel::setObjectId(const QString& objectName)
{
    m_object = objectName;
    invalidateFilter();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(FindingsModel::SeverityRole).toInt() < static_cast<int>(m_minimum)) {
        return false;
    }
    if (m_area && index.data(FindingsModel::AreaRole).toInt() != static_cast<int>(*m_area)) {
        return false;
    }
    const bool waived = index.data(FindingsModel::WaivedRole).toBool();
    if ((m_waived == WaivedFilter::OpenOnly && waived) || (m_waived == WaivedFilter::WaivedOnly && !waived)) {
        return false;
    }
    if (!m_object.isEmpty() || !m_search.isEmpty()) {
        const QString text = index.data(FindingsModel::SearchTextRole).toString();
        if (!m_object.isEmpty() && !text.section(QLatin1Char('\n'), 1, 1).contains(m_object, Qt::CaseInsensitive)) {
            return false;
        }
        if (!m_search.isEmpty() && !text.contains(m_search, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

} // namespace drydock::ui
