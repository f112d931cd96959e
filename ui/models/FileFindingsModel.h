#pragma once
#include "core/files/FileReview.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace drydock::ui {

// The findings of the file selected on the Files page: severity (badge), rule, line:column, title and
// evidence, in line order; sortable through SortRole.
class FileFindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn,
        RuleColumn,
        LineColumn,
        TitleColumn,
        EvidenceColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        LineRole, // the line in the shown file; 0 when the finding is located in another file (a merged base)
    };

    explicit FileFindingsModel(QObject* parent = nullptr);
    // The file's findings; folder is what other files' paths are shown relative to.
    void setFile(const FileReview& file, const QString& folder);
    void clear();
    const Finding* findingAt(int row) const;
    // Whether a finding is located in file (or has no file of its own): its line can be marked there.
    static bool locatedIn(const Finding& finding, const FileReview& file);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // One finding with where it points.
    struct Row
    {
        Finding finding;
        int line = 0;     // in the shown file; 0 elsewhere
        QString location; // "12:5", or "base.yml:12:5" in another file
    };
    std::vector<Row> m_rows;
};

} // namespace drydock::ui
