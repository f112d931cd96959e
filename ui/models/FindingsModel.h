#pragma once
#include "core/findings/Finding.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace drydock::ui {

// Table of findings over a shared, immutable vector (a live scan or a stored one). Display text beside a
// raw sort value (SortRole) so sorting by severity sorts by rank, not by the word.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn,
        RuleColumn,
        AreaColumn,
        ObjectColumn,
        TitleColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        SeverityRole, // int(Severity)
        AreaRole,     // int(Area)
        WaivedRole,   // bool
        SearchTextRole
    };

    explicit FindingsModel(QObject* parent = nullptr);
    void setFindings(std::shared_ptr<const std::vector<Finding>> findings);
    const Finding* findingAt(int row) const;
    std::shared_ptr<const std::vector<Finding>> findings() const { return m_findings; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const std::vector<Finding>> m_findings;
};

} // namespace drydock::ui
