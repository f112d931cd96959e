// The Files page's part of the window: File ▸ Open project folder…, the folder remembered between sessions.
#include "ui/MainWindow.h"

#include "ui/pages/FilesPage.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QSettings>

namespace drydock::ui {

namespace {

const QString kLastFolderKey = QStringLiteral("files/lastFolder");

} // namespace

FolderPrompt defaultFolderPrompt()
{
    return [](QWidget* parent, const QString& startDirectory) {
        return QFileDialog::getExistingDirectory(parent, QObject::tr("Open project folder"), startDirectory);
    };
}

void MainWindow::setUpFiles()
{
    connect(m_files, &FilesPage::openFolderRequested, this, &MainWindow::openProjectFolder);
}

void MainWindow::openProjectFolder()
{
    // The dialog starts where the last folder was opened (a project folder is usually reopened), else home.
    QString start = QSettings().value(kLastFolderKey).toString();
    if (start.isEmpty() || !QDir(start).exists()) {
        start = QDir::homePath();
    }
    const QString folder = m_services.folderPrompt ? m_services.folderPrompt(this, start) : QString();
    if (!folder.isEmpty()) {
        checkProjectFolder(folder);
    }
}

void MainWindow::checkProjectFolder(const QString& folder)
{
    QSettings().setValue(kLastFolderKey, QDir(folder).absolutePath());
    showPage(FilesPageIndex);
    m_filesController->open(folder);
}

} // namespace drydock::ui
