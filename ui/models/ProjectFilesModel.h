#pragma once
#include "core/files/ProjectReview.h"

#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <optional>

namespace drydock::ui {

// The Files page's list: one row per reviewed compose file or Dockerfile (path relative to the folder, kind,
// worst open severity as a badge, open findings, whether Drydock can fix it: "Yes"), in the review's order.
class ProjectFilesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        KindColumn,
        WorstColumn,
        FindingsColumn,
        FixColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // FileReview::path, the key the controller knows the file by
    };

    explicit ProjectFilesModel(QObject* parent = nullptr);
    // folder: what paths are shown relative to.
    void setReview(std::shared_ptr<const ProjectReview> review, const QString& folder);
    const FileReview* fileAt(int row) const;
    int rowOf(const QString& path) const; // -1 when the review has no such file
    // The worst severity of the file's open (not waived) findings; nullopt when it has none.
    static std::optional<Severity> worstOpenSeverity(const FileReview& file);
    // path relative to folder when it lies inside it, else as given.
    static QString displayPath(const std::string& path, const QString& folder);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const ProjectReview> m_review;
    QString m_folder;
};

} // namespace drydock::ui
