// MainWindow: an image's packages and contents, opened from the Inventory page.
#include "ui/MainWindow.h"
#include "ui/bridge/QtConvert.h"
#include "ui/dialogs/ImageContentsDialog.h"

#include <QDir>
#include <QStandardPaths>

namespace drydock::ui {

ImageContentsDialog* MainWindow::openImageContents(const QString& imageId)
{
    ImageContentsRequest request;
    request.image = imageId;
    request.endpoint = m_services.endpoint;
    request.options = m_scans->contentOptions();
    if (m_lastScan) {
        const std::string id = ss(imageId);
        if (const Image* image = m_lastScan->inventory.findImage(id)) {
            request.imageInfo = *image;
        }
        for (const auto& c : m_lastScan->imageContents) {
            if (c.imageId == id) {
                // Shares the scan's memory instead of copying its file tree.
                request.contents = std::shared_ptr<const ImageContents>(m_lastScan, &c);
                break;
            }
        }
    }
    request.directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (request.directory.isEmpty() || !QDir(request.directory).exists()) {
        request.directory = QDir::homePath();
    }
    auto* dialog = new ImageContentsDialog(std::move(request), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->loadOrAnalyse();
    return dialog;
}

} // namespace drydock::ui
