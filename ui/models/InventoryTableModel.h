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
// worst open finding per object as a badge column. Rows are computed once per snapshot.
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
        WorstSeverityRole // int(Severity), or -1 without findings
    };

    explicit InventoryTableModel(Kind kind, QObject* parent = nullptr);
    void setSnapshot(const Inventory& inventory, const FindingSet& findings);
    Kind kind() const { return m_kind; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QStringList text;
        QVariantList sort;
        QString name;
        std::optional<Severity> worst;
        int openFindings = 0;
    };
    Kind m_kind;
    QStringList m_headers;
    std::vector<Row> m_rows;
};

} // namespace drydock::ui
