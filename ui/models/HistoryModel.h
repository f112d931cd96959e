#pragma once
#include "core/store/ScanRepository.h"

#include <QAbstractTableModel>

#include <vector>

namespace drydock::ui {

// Stored scans, newest first, with counts per severity.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        StartedColumn,
        EndpointColumn,
        CriticalColumn,
        HighColumn,
        MediumColumn,
        LowColumn,
        WaivedColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        ScanIdRole
    };

    explicit HistoryModel(QObject* parent = nullptr);
    void setScans(std::vector<ScanSummary> scans);
    const ScanSummary* scanAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ScanSummary> m_scans;
};

} // namespace drydock::ui
