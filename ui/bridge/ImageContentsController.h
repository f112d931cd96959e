#pragma once
#include "core/common/CancelToken.h"
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerEndpoint.h"
#include "core/model/Image.h"
#include "core/model/ImageContents.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace drydock::ui {

// How an image contents analysis ended: the contents, or what went wrong, or a cancel.
struct ImageContentsOutcome
{
    std::shared_ptr<const ImageContents> contents; // null on failure or cancel
    Image image;                                   // as the daemon described it (for the SBOM)
    QString error;                                 // what happened and what to do, on failure
    bool cancelled = false;
};

// Analyses one image's contents off the GUI thread, the way `drydock inventory --packages` does: inspect,
// stream the saved image through the layer reader, read the package databases and match vulnerabilities,
// with progress (MiB of layer data) and cancel. Only finished values reach the GUI.
class ImageContentsController : public QObject
{
    Q_OBJECT
public:
    explicit ImageContentsController(QObject* parent = nullptr);
    ~ImageContentsController() override;
    // From start() until finished() is delivered.
    bool isRunning() const { return m_running; }

public slots:
    void start(const drydock::DockerEndpoint& endpoint, const QString& image,
               const drydock::ContentScanOptions& options);
    void cancel();

signals:
    void started();
    void progress(const QString& phase, int done, int total);
    void finished(const drydock::ui::ImageContentsOutcome& outcome);

private:
    CancelToken m_cancel;
    bool m_running = false;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<ImageContentsOutcome> m_watcher;
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ImageContentsOutcome)
