#include "ui/bridge/ImageContentsController.h"

#include "core/contents/ContentAnalyzer.h"
#include "core/docker/DockerClient.h"
#include "core/docker/TransportFactory.h"

#include <QPointer>
#include <QtConcurrent>

namespace drydock::ui {

namespace {

// Forwards progress from the worker thread to the controller on the GUI thread.
class QueuedContentsProgress final : public ProgressSink
{
public:
    explicit QueuedContentsProgress(ImageContentsController* target) : m_target(target) {}
    void progress(const std::string& phase, int done, int total) override
    {
        QPointer<ImageContentsController> target = m_target;
        const QString p = QString::fromStdString(phase);
        QMetaObject::invokeMethod(
            target,
            [target, p, done, total] {
                if (target) {
                    emit target->progress(p, done, total);
                }
            },
            Qt::QueuedConnection);
    }

private:
    ImageContentsController* m_target;
};

ImageContentsOutcome analyse(const DockerEndpoint& endpoint, const std::string& name,
                             ContentScanOptions options, ProgressSink& progress, const CancelToken& cancel)
{
    ImageContentsOutcome outcome;
    const auto fail = [&outcome](const Error& e) {
        outcome.cancelled = e.code == ErrorCode::Cancelled;
        outcome.error = QString::fromStdString(e.message);
        return outcome;
    };
    auto transport = makeTransport(endpoint);
    if (!transport) {
        return fail(transport.error());
    }
    DockerClient client(std::move(transport.value()), endpoint);
    if (auto v = client.negotiate(); !v) {
        return fail(v.error());
    }
    auto image = client.inspectImage(name);
    if (!image) {
        return fail(image.error());
    }
    options.enabled = true;
    options.images = {image.value().id};
    ContentAnalyzer analyzer(client, options);
    if (auto ok = analyzer.prepare(cancel); !ok) {
        return fail(ok.error());
    }
    auto contents = analyzer.analyze(image.value(), progress, cancel);
    if (!contents) {
        return fail(contents.error());
    }
    // The dialog shows packages and vulnerabilities; the file tree (thousands of entries with the small
    // files the checks read) would only hold memory for as long as the dialog stays open.
    contents.value().files.clear();
    contents.value().removedFiles.clear();
    outcome.image = std::move(image.value());
    outcome.contents = std::make_shared<const ImageContents>(std::move(contents.value()));
    return outcome;
}

} // namespace

ImageContentsController::ImageContentsController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<drydock::ui::ImageContentsOutcome>();
    connect(&m_watcher, &QFutureWatcher<ImageContentsOutcome>::finished, this, [this] {
        m_running = false;
        emit finished(m_watcher.result());
    });
}

ImageContentsController::~ImageContentsController()
{
    m_cancel.cancel();
    m_watcher.waitForFinished();
}

void ImageContentsController::start(const DockerEndpoint& endpoint, const QString& image,
                                    const ContentScanOptions& options)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    const std::string name = image.toStdString();
    auto sink = std::make_shared<QueuedContentsProgress>(this);
    emit started();
    m_watcher.setFuture(QtConcurrent::run(
        &m_pool, [=]() -> ImageContentsOutcome { return analyse(endpoint, name, options, *sink, cancel); }));
}

void ImageContentsController::cancel()
{
    m_cancel.cancel();
}

} // namespace drydock::ui
