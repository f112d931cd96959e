#pragma once
#include "core/findings/FindingSet.h"

#include <QAbstractTableModel>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace drydock::ui {

// The Dashboard's "Worst objects": every object with open findings, one row each (name, type, worst
// severity, open findings per severity, total, score = the posture score's weighted penalty), sortable by
// any column through SortRole; the view starts with the highest score first.
class WorstObjectsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ObjectColumn,
        TypeColumn,
        WorstColumn,
        CriticalColumn,
        HighColumn,
        MediumColumn,
        LowColumn,
        FindingsColumn,
        ScoreColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        ObjectNameRole,
    };

    explicit WorstObjectsModel(QObject* parent = nullptr);
    void setFindings(const FindingSet& findings);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // One object's open findings.
    struct Row
    {
        std::string id;
        std::string name;
        ObjectType type = ObjectType::Container;
        Severity worst = Severity::Info;
        std::array<int, severityCount> counts{};
        int total = 0;
        int score = 0;
    };
    std::vector<Row> m_rows;
};

} // namespace drydock::ui
