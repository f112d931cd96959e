#include "ui/bridge/FilesController.h"

#include "core/files/FixWriter.h"
#include "ui/bridge/QtConvert.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSet>
#include <QtConcurrent>

namespace drydock::ui {

FilesController::FilesController(ProjectReviewer reviewer, QObject* parent)
    : QObject(parent), m_reviewer(std::move(reviewer))
{
    qRegisterMetaType<drydock::ui::FilesReviewOutcome>();
    qRegisterMetaType<drydock::ui::FixApplyOutcome>();
    qRegisterMetaType<std::shared_ptr<const drydock::ProjectReview>>();
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &FilesController::recheck);
    // An editor's save (or writeFixToFile) replaces the file: the watch on it ends, its folder's fires.
    connect(&m_fsWatcher, &QFileSystemWatcher::fileChanged, this, [this] { m_debounce.start(); });
    connect(&m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_debounce.start(); });
    connect(&m_reviewWatcher, &QFutureWatcher<FilesReviewOutcome>::finished, this,
            &FilesController::onReviewFinished);
    connect(&m_applyWatcher, &QFutureWatcher<FixApplyOutcome>::finished, this, [this] {
        const FixApplyOutcome outcome = m_applyWatcher.result();
        if (outcome.error.isEmpty()) {
            emit applied(outcome.path, outcome.backupPath);
        } else {
            emit applyFailed(outcome.path, outcome.error);
        }
        // The file (or the folder, for the backup) changed: one re-check, together with the watcher's.
        m_debounce.start();
    });
}

FilesController::~FilesController()
{
    m_cancel.cancel();
    m_reviewWatcher.waitForFinished();
    m_applyWatcher.waitForFinished();
}

const FileReview* FilesController::file(const QString& path) const
{
    if (!m_review) {
        return nullptr;
    }
    const std::string wanted = ss(path);
    for (const FileReview& f : m_review->files) {
        if (f.path == wanted) {
            return &f;
        }
    }
    return nullptr;
}

QStringList FilesController::watchedPaths() const
{
    return m_fsWatcher.files() + m_fsWatcher.directories();
}

void FilesController::open(const QString& folder)
{
    m_folder = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    m_review.reset();
    const QStringList old = watchedPaths();
    if (!old.isEmpty()) {
        m_fsWatcher.removePaths(old);
    }
    recheck();
}

void FilesController::recheck()
{
    m_debounce.stop();
    if (m_folder.isEmpty()) {
        return;
    }
    if (m_reviewWatcher.isRunning()) {
        m_restart = true;
        m_cancel.cancel();
        return;
    }
    startReview();
}

void FilesController::cancel()
{
    m_debounce.stop();
    if (m_reviewWatcher.isRunning()) {
        m_restart = false;
        m_userCancelled = true;
        m_cancel.cancel();
    }
}

void FilesController::startReview()
{
    m_restart = false;
    m_userCancelled = false;
    m_cancel = CancelToken();
    ProjectReviewOptions options;
    options.discovery.paths = {ss(m_folder)};
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        options.environment[ss(key)] = ss(env.value(key));
    }
    const CancelToken cancel = m_cancel;
    const ProjectReviewer reviewer = m_reviewer;
    emit started();
    m_reviewWatcher.setFuture(QtConcurrent::run(&m_pool, [reviewer, options, cancel]() -> FilesReviewOutcome {
        FilesReviewOutcome outcome;
        auto review = reviewer(options, cancel);
        if (!review) {
            outcome.cancelled = review.error().code == ErrorCode::Cancelled || cancel.isCancelled();
            outcome.error = qs(review.error().message);
            return outcome;
        }
        outcome.review = std::make_shared<const ProjectReview>(std::move(review.value()));
        return outcome;
    }));
}

void FilesController::onReviewFinished()
{
    const FilesReviewOutcome outcome = m_reviewWatcher.result();
    if (m_restart) {
        startReview(); // the files changed while they were read: this result may already be old
        return;
    }
    if (m_userCancelled) {
        m_userCancelled = false;
        emit cancelled(); // the last finished review stays
        return;
    }
    if (!outcome.review) {
        if (outcome.cancelled) {
            emit cancelled();
        } else {
            emit failed(outcome.error);
        }
        return;
    }
    m_review = outcome.review;
    watch(*m_review);
    emit finished(m_review);
}

void FilesController::watch(const ProjectReview& review)
{
    // Watches are renewed after every review: a replaced file is a new inode, and a new folder may hold
    // files.
    const QStringList old = watchedPaths();
    if (!old.isEmpty()) {
        m_fsWatcher.removePaths(old);
    }
    QSet<QString> paths{m_folder};
    for (const FileReview& f : review.files) {
        const QFileInfo info(QDir(m_folder).filePath(qs(f.path)));
        if (info.exists()) {
            paths.insert(info.absoluteFilePath());
            paths.insert(info.absolutePath());
        }
    }
    m_fsWatcher.addPaths(QStringList(paths.begin(), paths.end()));
}

void FilesController::applyFix(const QString& path)
{
    const FileReview* reviewed = file(path);
    if (m_applyWatcher.isRunning()) {
        emit applyFailed(path, tr("A fix is being written already; wait for it to finish."));
        return;
    }
    if (reviewed == nullptr || !reviewed->fixedText) {
        emit applyFailed(path, tr("%1 has no fix in the last check; nothing was written.").arg(path));
        return;
    }
    const std::string target = ss(QDir(m_folder).filePath(path));
    const std::string before = reviewed->originalText;
    const std::string after = *reviewed->fixedText;
    m_applyWatcher.setFuture(QtConcurrent::run(&m_pool, [path, target, before, after]() -> FixApplyOutcome {
        FixApplyOutcome outcome;
        outcome.path = path;
        auto backup = writeFixToFile(target, before, after);
        if (backup) {
            outcome.backupPath = qs(backup.value());
        } else {
            outcome.error = qs(backup.error().message);
        }
        return outcome;
    }));
}

} // namespace drydock::ui
