#include "ui/models/PackageTableModel.h"

#include "ui/bridge/QtConvert.h"

#include <QApplication>
#include <QPalette>

namespace drydock::ui {

PackageTableModel::PackageTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PackageTableModel::setContents(std::shared_ptr<const ImageContents> contents)
{
    beginResetModel();
    m_contents = std::move(contents);
    m_vulnerabilityCounts.clear();
    if (m_contents) {
        m_vulnerabilityCounts.reserve(m_contents->packages.size());
        for (const auto& p : m_contents->packages) {
            // Debian advisories name the source package ("glibc"), scanners the binary one ("libc6").
            int n = 0;
            for (const auto& v : m_contents->vulnerabilities) {
                if (v.package == p.name || (!p.sourceName.empty() && v.package == p.sourceName)) {
                    ++n;
                }
            }
            m_vulnerabilityCounts.push_back(n);
        }
    }
    endResetModel();
}

const InstalledPackage* PackageTableModel::packageAt(int row) const
{
    if (!m_contents || row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_contents->packages[static_cast<std::size_t>(row)];
}

int PackageTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_contents ? 0 : static_cast<int>(m_contents->packages.size());
}

int PackageTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PackageTableModel::data(const QModelIndex& index, int role) const
{
    const InstalledPackage* p = index.isValid() ? packageAt(index.row()) : nullptr;
    if (!p || index.column() < 0 || index.column() >= ColumnCount) {
        return {};
    }
    const int vulns = m_vulnerabilityCounts[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole) {
        switch (static_cast<Column>(index.column())) {
        case NameColumn:
            return displayText(p->name, 200);
        case VersionColumn:
            return displayText(p->version, 200);
        case SourceColumn:
            // The source column stays empty when a package is its own source, so the real ones stand out.
            if (p->sourceName.empty() || p->sourceName == p->name) {
                return role == Qt::ToolTipRole ? QVariant() : QVariant(QString());
            }
            return displayText(
                p->sourceVersion.empty() ? p->sourceName : p->sourceName + " " + p->sourceVersion, 200);
        case ArchColumn:
            return displayText(p->arch, 40);
        case LicenseColumn:
            return displayText(p->license, 200);
        case VulnerabilitiesColumn:
            if (role == SortRole) {
                return vulns;
            }
            if (role == Qt::ToolTipRole) {
                return tr("Known vulnerabilities naming this package or its source package: %1").arg(vulns);
            }
            return vulns ? QString::number(vulns) : QString();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == VulnerabilitiesColumn) {
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && index.column() == VulnerabilitiesColumn && vulns > 0) {
        return severityTextColor(Severity::High, QApplication::palette());
    }
    return {};
}

QVariant PackageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Package");
    case VersionColumn:
        return tr("Version");
    case SourceColumn:
        return tr("Source");
    case ArchColumn:
        return tr("Arch");
    case LicenseColumn:
        return tr("Licence");
    case VulnerabilitiesColumn:
        return tr("Vulnerabilities");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace drydock::ui
