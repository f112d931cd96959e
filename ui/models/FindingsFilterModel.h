#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace drydock::ui {

// Filters findings by severity, area, waived state and free text (rule, object, title, evidence, CIS id).
class FindingsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class WaivedFilter
    {
        All,
        OpenOnly,
        WaivedOnly
    };

    explicit FindingsFilterModel(QObject* parent = nullptr);
    void setMinimumSeverity(Severity severity);
    void setArea(std::optional<Area> area);
    void setWaivedFilter(WaivedFilter filter);
    void setSearchText(const QString& text);
    void setObjectId(const QString& objectName);
    // Only the findings of these rules (a benchmark recommendation's); empty: every rule.
    void setRuleIds(const QStringList& ruleIds);
    QStringList ruleIds() const { return m_rules.values(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Compares the findings themselves (rank, ids, names) instead of QVariants: sorting 50,000 rows stays fast.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    Severity m_minimum = Severity::Info;
    std::optional<Area> m_area;
    WaivedFilter m_waived = WaivedFilter::All;
    QString m_search;
    QString m_object;
    QSet<QString> m_rules;
};

} // namespace drydock::ui
