#pragma once
#include "core/files/ProjectReview.h"
#include "ui/widgets/DiffView.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace drydock::ui {

class FilesController;
class FileFindingsModel;
class InlineMessage;
class ProjectFilesModel;
class SourceView;

// The Files page: a project folder's compose files and Dockerfiles with their worst severity on the left; on
// the right the selected file's findings above its text (finding lines marked) and its fix side by side,
// applied through the controller. Before a folder is opened it says what it is for and offers to open one.
class FilesPage : public QWidget
{
    Q_OBJECT
public:
    enum Tab
    {
        FileTab,
        FixTab
    };

    explicit FilesPage(FilesController* controller, QWidget* parent = nullptr);
    void setConfirmPrompt(FixConfirmPrompt prompt);
    // Selects the file (FileReview::path); false when the last review has no such file.
    bool selectFile(const QString& path);
    QString selectedPath() const { return m_selectedPath; }

    bool isShowingEmptyState() const;
    QTableView* filesView() const { return m_filesView; }
    QTableView* findingsView() const { return m_findingsView; }
    SourceView* sourceView() const { return m_source; }
    DiffView* diffView() const { return m_diff; }
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* fixUnavailableLabel() const { return m_noFix; }
    InlineMessage* message() const { return m_message; }
    InlineMessage* fileMessage() const { return m_fileMessage; }
    QPushButton* emptyOpenButton() const { return m_emptyOpen; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* recheckButton() const { return m_recheck; }
    QProgressBar* busyIndicator() const { return m_busy; }
    ProjectFilesModel* filesModel() const { return m_filesModel; }

signals:
    void openFolderRequested();

private:
    void onStarted();
    void onFinished(const std::shared_ptr<const ProjectReview>& review);
    void setBusy(bool busy);
    void showRow(int row);
    void showFinding(const QModelIndex& proxyIndex);

    FilesController* m_controller;
    QString m_selectedPath;
    QStackedWidget* m_stack;
    QPushButton* m_emptyOpen;
    QLabel* m_folderLabel;
    QProgressBar* m_busy;
    QPushButton* m_cancel;
    QPushButton* m_recheck;
    InlineMessage* m_message;
    InlineMessage* m_fileMessage;
    ProjectFilesModel* m_filesModel;
    QTableView* m_filesView;
    FileFindingsModel* m_findingsModel;
    QSortFilterProxyModel* m_findingsProxy;
    QTableView* m_findingsView;
    QTabWidget* m_tabs;
    SourceView* m_source;
    DiffView* m_diff;
    QLabel* m_noFix;
};

} // namespace drydock::ui
