#pragma once
#include "core/model/ImageContents.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace drydock::ui {

// The OS packages of one analysed image, one row per package, with the number of known vulnerabilities
// that name the package or its source package.
class PackageTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        VersionColumn,
        SourceColumn,
        ArchColumn,
        LicenseColumn,
        VulnerabilitiesColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    explicit PackageTableModel(QObject* parent = nullptr);
    // Null clears the table. The contents are shared, never copied (an image can hold thousands of packages).
    void setContents(std::shared_ptr<const ImageContents> contents);
    const InstalledPackage* packageAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const ImageContents> m_contents;
    std::vector<int> m_vulnerabilityCounts; // per package row
};

} // namespace drydock::ui
