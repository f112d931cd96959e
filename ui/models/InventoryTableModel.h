#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QVariantList>

#include <optional>
#include <vector>

namespace drydock::ui {

// One kind of inventory object (containers, images, networks or volumes) as a sortable table, with the
// worst open finding per object as a badge column. Rows are computed once per snapshot; a live update
// changes, adds or removes one row in place.
class InventoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Kind
    {
        Containers,
        Images,
        Networks,
        Volumes
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        ObjectNameRole,
        WorstSeverityRole, // int(Severity), or -1 without findings
        ObjectIdRole       // the object's id (an image's "sha256:…")
    };

    explicit InventoryTableModel(Kind kind, QObject* parent = nullptr);
    void setSnapshot(const Inventory& inventory, const FindingSet& findings);
    // One object changed (type and id as in its ObjectRef): its row is refreshed from the new snapshot,
    // appended when new, removed when gone. Objects of another kind are ignored.
    void updateObject(const Inventory& inventory, const FindingSet& findings, ObjectType type, const std::string& id);
    Kind kind() const { return m_kind; }
    int rowOf(const std::string& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // One row of the table: its cells, their sort keys and its worst open finding.
    struct Row
    {
        std::string id;
        QStringList text;
        QVariantList sort;
        QString name;
        std::optional<Severity> worst;
        int openFindings = 0;
    };
    // The worst open finding of an object and how many are open.
    struct Worst
    {
        std::optional<Severity> severity;
        int open = 0;
    };
    static Row makeRow(const std::string& id, const std::string& name, QStringList cells, QVariantList sort,
                       const Worst& worst);
    // Builds the rows of every object of this kind in inv, or of the one whose id is `only`.
    template <typename Add> void forEachRow(const Inventory& inv, const std::string* only, Add add) const;
    Kind m_kind;
    QStringList m_headers;
    std::vector<Row> m_rows;
};

} // namespace drydock::ui
