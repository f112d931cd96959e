#pragma once
#include "core/cis/BenchmarkCoverage.h"

#include <QAbstractItemModel>

#include <optional>
#include <vector>

namespace drydock::ui {

// The recommendations of one CIS Docker Benchmark version with Drydock's verdict each, as a two-level tree:
// the benchmark's sections, and under each its items (id, title, verdict, findings, reason). A verdict
// filter leaves out the other items and the sections left empty.
class BenchmarkModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        TitleColumn,
        VerdictColumn,
        FindingsColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role
    {
        VerdictRole = Qt::UserRole + 1, // int(BenchmarkVerdict), on item rows only
        IsSectionRole                   // bool
    };

    explicit BenchmarkModel(QObject* parent = nullptr);
    void setCoverage(BenchmarkCoverage coverage);
    void clear();
    const BenchmarkCoverage& coverage() const { return m_coverage; }
    bool hasCoverage() const { return m_has; }
    // nullopt: every verdict.
    void setVerdictFilter(std::optional<BenchmarkVerdict> verdict);
    std::optional<BenchmarkVerdict> verdictFilter() const { return m_filter; }
    // The items the filter lets through (item rows, not sections).
    int itemCount() const;
    // The item of an item row; null for a section row or an invalid index.
    const BenchmarkItemResult* itemAt(const QModelIndex& index) const;
    // The row of the item with this id, or an invalid index when it is filtered out or absent.
    QModelIndex indexOfItem(const QString& id) const;

    static QString verdictText(BenchmarkVerdict verdict); // "Fail", "Not checked", …
    static QColor verdictColor(BenchmarkVerdict verdict);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // A section heading and the indexes (into m_coverage.items) of its items the filter lets through.
    struct Group
    {
        QString id;
        QString title;
        std::vector<int> items;
    };
    void rebuild();

    BenchmarkCoverage m_coverage;
    bool m_has = false;
    std::optional<BenchmarkVerdict> m_filter;
    std::vector<Group> m_groups;
};

} // namespace drydock::ui
