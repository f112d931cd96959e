#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/files/ProjectReview.h"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace drydock::ui {

// The review of a project folder: `reviewProject` in the application, a hand-built review in tests.
using ProjectReviewer = std::function<Result<ProjectReview>(const ProjectReviewOptions&, const CancelToken&)>;

// How one review of the folder ended: the review, or why there is none.
struct FilesReviewOutcome
{
    std::shared_ptr<const ProjectReview> review; // null on failure or cancel
    QString error;
    bool cancelled = false;
};

// How writing one fix ended: the backup kept beside the file, or why nothing was written.
struct FixApplyOutcome
{
    QString path;
    QString backupPath; // empty on failure
    QString error;
};

// Reviews a project folder's compose files and Dockerfiles off the GUI thread (the Files page), keeps the
// last review, re-checks when a reviewed file or folder changes on disk (debounced), and writes a file's fix
// through writeFixToFile (backup, refused when the file changed since the review) on the worker too.
class FilesController : public QObject
{
    Q_OBJECT
public:
    explicit FilesController(ProjectReviewer reviewer, QObject* parent = nullptr);
    ~FilesController() override;

    QString folder() const { return m_folder; }
    // The last finished review of folder(); null before the first one.
    std::shared_ptr<const ProjectReview> review() const { return m_review; }
    const FileReview* file(const QString& path) const;
    bool isRunning() const { return m_reviewWatcher.isRunning(); }
    bool isApplying() const { return m_applyWatcher.isRunning(); }
    // How long changes on disk settle before the re-check (a save is often several writes).
    void setDebounceInterval(int milliseconds) { m_debounce.setInterval(milliseconds); }
    QStringList watchedPaths() const;

public slots:
    // Forgets the last review and checks folder.
    void open(const QString& folder);
    // Checks folder() again; a running check is stopped and started over, so the result is of the files now.
    void recheck();
    void cancel();
    // Writes the last review's fix of path into the file; applied() or applyFailed(), then a re-check.
    void applyFix(const QString& path);

signals:
    void started();
    void finished(const std::shared_ptr<const drydock::ProjectReview>& review);
    void failed(const QString& error);
    void cancelled();
    void applied(const QString& path, const QString& backupPath);
    void applyFailed(const QString& path, const QString& error);

private:
    void startReview();
    void onReviewFinished();
    void watch(const ProjectReview& review);

    ProjectReviewer m_reviewer;
    QString m_folder;
    std::shared_ptr<const ProjectReview> m_review;
    CancelToken m_cancel;
    bool m_restart = false; // a re-check was asked for while one ran
    bool m_userCancelled = false;
    QTimer m_debounce;
    QFileSystemWatcher m_fsWatcher;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint. Declared before the watchers it
    // feeds.
    QThreadPool m_pool;
    QFutureWatcher<FilesReviewOutcome> m_reviewWatcher;
    QFutureWatcher<FixApplyOutcome> m_applyWatcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::FilesReviewOutcome)
Q_DECLARE_METATYPE(drydock::ui::FixApplyOutcome)
