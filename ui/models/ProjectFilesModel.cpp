#include "ui/models/ProjectFilesModel.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SeverityCell.h"

#include <QDir>
#include <QFileInfo>

namespace drydock::ui {

ProjectFilesModel::ProjectFilesModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProjectFilesModel::setReview(std::shared_ptr<const ProjectReview> review, const QString& folder)
{
    beginResetModel();
    m_review = std::move(review);
    m_folder = folder;
    endResetModel();
}

const FileReview* ProjectFilesModel::fileAt(int row) const
{
    if (!m_review || row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_review->files[static_cast<std::size_t>(row)];
}

int ProjectFilesModel::rowOf(const QString& path) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (qs(fileAt(row)->path) == path) {
            return row;
        }
    }
    return -1;
}

std::optional<Severity> ProjectFilesModel::worstOpenSeverity(const FileReview& file)
{
    std::optional<Severity> worst;
    for (const Finding& f : file.findings) {
        if (!f.waiver && (!worst || f.severity > *worst)) {
            worst = f.severity;
        }
    }
    return worst;
}

QString ProjectFilesModel::displayPath(const std::string& path, const QString& folder)
{
    const QString p = qs(path);
    if (folder.isEmpty() || !QFileInfo(p).isAbsolute()) {
        return p;
    }
    const QString relative = QDir(folder).relativeFilePath(p);
    return relative.startsWith(QLatin1String("..")) ? p : relative;
}

int ProjectFilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_review ? 0 : static_cast<int>(m_review->files.size());
}

int ProjectFilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectFilesModel::data(const QModelIndex& index, int role) const
{
    const FileReview* file = index.isValid() ? fileAt(index.row()) : nullptr;
    if (file == nullptr) {
        return {};
    }
    const int column = index.column();
    const auto worst = worstOpenSeverity(*file);
    const auto open = std::count_if(file->findings.begin(), file->findings.end(),
                                    [](const Finding& f) { return !f.waiver; });
    if (role == PathRole) {
        return qs(file->path);
    }
    if (column == WorstColumn && worst && !file->error) {
        if (QVariant cell = severityCellData(*worst, role); cell.isValid()) {
            return cell; // the word, its shape and the badge's severity
        }
    }
    if (role == Qt::TextAlignmentRole && column == FindingsColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        if (file->error) {
            return displayText(file->error->message, 600);
        }
        if (column == FixColumn && file->fixedText) {
            return tr("Drydock can fix this file: see its Fix tab");
        }
        return column == FileColumn ? displayText(file->path, 600) : QVariant();
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case FileColumn:
        return displayText(ss(displayPath(file->path, m_folder)), 200);
    case KindColumn:
        return file->kind == ReviewedFileKind::Compose ? tr("Compose") : tr("Dockerfile");
    case WorstColumn:
        if (file->error) {
            return tr("Not checked");
        }
        return worst ? severityText(*worst) : tr("None");
    case FindingsColumn:
        return static_cast<int>(open);
    case FixColumn:
        return file->fixedText ? tr("Yes") : QString();
    default:
        return {};
    }
}

QVariant ProjectFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FileColumn:
        return tr("File");
    case KindColumn:
        return tr("Kind");
    case WorstColumn:
        return tr("Worst");
    case FindingsColumn:
        return tr("Findings");
    case FixColumn:
        return tr("Fix");
    default:
        return {};
    }
}

} // namespace drydock::ui
