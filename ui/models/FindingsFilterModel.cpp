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

void FindingsFilterModel::setRuleIds(const QStringList& ruleIds)
{
    m_rules = QSet<QString>(ruleIds.begin(), ruleIds.end());
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
    if (!m_rules.isEmpty() && !m_rules.contains(QString::fromStdString(f->ruleId))) {
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

namespace {

// True when a is listed below b in the table's default order (severity descending, then rule id, object name
// and discriminator reading top-down). A total order: rows arriving in another order (a scan's batches) or
// the same rows in one list (the finished scan) sort the same, so the table does not reshuffle when the scan
// ends.
bool shownBelow(const Finding& a, const Finding& b)
{
    if (a.severity != b.severity) {
        return a.severity < b.severity;
    }
    if (a.ruleId != b.ruleId) {
        return a.ruleId > b.ruleId;
    }
    if (a.object.name != b.object.name) {
        return a.object.name > b.object.name;
    }
    return a.discriminator > b.discriminator;
}

} // namespace

bool FindingsFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto* model = qobject_cast<const FindingsModel*>(sourceModel());
    const Finding* a = model ? model->findingAt(left.row()) : nullptr;
    const Finding* b = model ? model->findingAt(right.row()) : nullptr;
    if (!a || !b) {
        return QSortFilterProxyModel::lessThan(left, right);
    }
    // Rows equal in the sorted column keep the default order, whichever way the column is sorted.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    const auto tie = [&] { return ascending ? shownBelow(*b, *a) : shownBelow(*a, *b); };
    switch (left.column()) {
    case FindingsModel::SeverityColumn:
        return shownBelow(*a, *b);
    case FindingsModel::RuleColumn:
        return a->ruleId != b->ruleId ? a->ruleId < b->ruleId : tie();
    case FindingsModel::AreaColumn:
        return a->area != b->area ? a->area < b->area : tie();
    case FindingsModel::ObjectColumn:
        if (a->object.type != b->object.type) {
            return a->object.type < b->object.type;
        }
        return a->object.name != b->object.name ? a->object.name < b->object.name : tie();
    case FindingsModel::TitleColumn:
        return a->title != b->title ? a->title < b->title : tie();
    case FindingsModel::StatusColumn:
        return a->waiver.has_value() != b->waiver.has_value() ? a->waiver.has_value() < b->waiver.has_value()
                                                              : tie();
    default: return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace drydock::ui
