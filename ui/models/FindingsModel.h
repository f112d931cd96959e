#pragma once
#include "core/findings/Finding.h"
#include "ui/bridge/SearchTextBuilder.h"

#include <QAbstractTableModel>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace drydock::ui {

// Table of findings over a shared, immutable vector (a live scan or a stored one). Display text beside a
// raw sort value (SortRole) so sorting by severity sorts by rank, not by the word. Rows point into the
// shared vector (no copies of 50,000 findings); live updates replace one object's rows in place with
// batched dataChanged / rowsRemoved / rowsInserted, never a reset.
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
        CisColumn, // the CIS Docker Benchmark id in the chosen version (last: saved column layouts stay
                   // valid)
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
    // Adds rows after the last one (a scan's findings as they arrive): one rowsInserted, no reset, so a
    // sorted view keeps its selection and scroll position.
    void appendFindings(std::shared_ptr<const std::vector<Finding>> findings);
    // Replaces every row of one object with its new findings: a finding that is still there (same rule and
    // discriminator) is updated in place, the others are removed or appended.
    void replaceObjectFindings(ObjectType type, const std::string& objectId, std::vector<Finding> findings);
    const Finding* findingAt(int row) const;
    // The benchmark version the CIS column and the search text use; the findings keep their own references.
    void setCisVersion(CisVersion version);
    CisVersion cisVersion() const { return m_cisVersion; }
    // Rule, object, title, evidence and CIS id in one case-folded string, built for every row off the GUI
    // thread when findings are set (a row asked for before that is built on first use): a text filter over
    // 50,000 findings then compares strings instead of assembling them.
    const QString& searchText(int row) const;
    // True once every row's search text is built (the first text filter is then no slower than the next).
    bool searchTextReady() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void adoptSearchText(quint64 ticket, const std::shared_ptr<std::vector<QString>>& texts);
    // The finding's CIS id in m_cisVersion, remembered per stored reference (a few dozen distinct ones), so
    // painting and sorting 50,000 rows do not translate each time.
    const QString& shownCis(const Finding& f) const;

    std::vector<std::shared_ptr<const Finding>> m_rows;
    mutable std::vector<QString>
        m_searchText; // parallel to m_rows (or empty); an empty string: not built yet
    SearchTextBuilder* m_builder;
    quint64 m_ticket =
        0; // the findings list the builder works on; a newer setFindings makes its answer stale
    bool m_searchTextBuilt = false;
    CisVersion m_cisVersion = kDefaultCisVersion;
    mutable std::map<std::pair<std::string, std::string>, QString> m_cisShown; // (id, version) → shown id
};

} // namespace drydock::ui
