#include "ui/models/FileFindingsModel.h"

#include "ui/bridge/QtConvert.h"
#include "ui/models/ProjectFilesModel.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SeverityCell.h"

#include <algorithm>
#include <climits>

namespace drydock::ui {

FileFindingsModel::FileFindingsModel(QObject* parent) : QAbstractTableModel(parent) {}

bool FileFindingsModel::locatedIn(const Finding& finding, const FileReview& file)
{
    return finding.location && (finding.location->file.empty() || finding.location->file == file.path);
}

void FileFindingsModel::setFile(const FileReview& file, const QString& folder)
{
    beginResetModel();
    m_rows.clear();
    for (const Finding& f : file.findings) {
        Row row;
        row.finding = f;
        if (f.location) {
            const QString at = QStringLiteral("%1:%2").arg(f.location->line).arg(f.location->column);
            if (locatedIn(f, file)) {
                row.line = f.location->line;
                row.location = at;
            } else {
                row.location =
                    displayText(ss(ProjectFilesModel::displayPath(f.location->file, folder)), 120) +
                    QLatin1Char(':') + at;
            }
        }
        m_rows.push_back(std::move(row));
    }
    // Reading order of the file; another file's findings last.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return (a.line == 0 ? INT_MAX : a.line) < (b.line == 0 ? INT_MAX : b.line);
    });
    endResetModel();
}

void FileFindingsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const Finding* FileFindingsModel::findingAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)].finding : nullptr;
}

int FileFindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FileFindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileFindingsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const Finding& f = r.finding;
    const int column = index.column();
    if (column == SeverityColumn && role != SortRole) {
        if (QVariant cell = severityCellData(f.severity, role); cell.isValid()) {
            return cell; // the word, its shape and the badge's severity
        }
    }
    switch (role) {
    case LineRole:
        return r.line;
    case SeverityBadgeDelegate::SeverityRole:
        return {};
    case SortRole:
        switch (column) {
        case SeverityColumn:
            return static_cast<int>(f.severity);
        case LineColumn:
            return r.line == 0 ? LLONG_MAX : qint64(r.line) * 100000 + (f.location ? f.location->column : 0);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (column == TitleColumn || column == EvidenceColumn) {
            return displayText(column == TitleColumn ? f.title : f.evidence, 1000);
        }
        return {};
    case Qt::DisplayRole:
        switch (column) {
        case SeverityColumn:
            return severityText(f.severity);
        case RuleColumn:
            return qs(f.ruleId);
        case LineColumn:
            return r.location;
        case TitleColumn:
            return displayText(f.title, 300);
        case EvidenceColumn:
            return displayText(f.evidence, 300);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant FileFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case LineColumn:
        return tr("Line");
    case TitleColumn:
        return tr("Title");
    case EvidenceColumn:
        return tr("Evidence");
    default:
        return {};
    }
}

} // namespace drydock::ui
