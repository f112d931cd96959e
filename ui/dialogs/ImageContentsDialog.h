#pragma once
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerEndpoint.h"
#include "core/model/Image.h"
#include "core/model/ImageContents.h"
#include "ui/bridge/ImageContentsController.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace drydock::ui {

class InlineMessage;
class PackageTableModel;
class VulnerabilityTableModel;

// Asks where to write the SBOM (a file dialog in production; tests answer with a path).
using SbomPathPrompt = std::function<QString(QWidget* parent, const QString& suggestedPath)>;
SbomPathPrompt defaultSbomPathPrompt();

// What the window knows about the image when it opens the dialog.
struct ImageContentsRequest
{
    QString image;                                 // id or reference the daemon knows
    std::optional<Image> imageInfo;                // from the last scan's inventory, when it is there
    std::shared_ptr<const ImageContents> contents; // the last scan's analysis of it; null: analyse now
    std::optional<DockerEndpoint> endpoint;        // nullopt: not connected
    ContentScanOptions options;                    // vulnerability sources and limits
    QString directory;                             // where the SBOM file chooser starts
};

// "Packages and contents…" of one image: its OS release, layers, the package list (filterable and sortable)
// and its known vulnerabilities. Shows the last scan's analysis at once, or analyses the image off the GUI
// thread with progress and cancel; failures appear inline. Export SBOM… writes CycloneDX JSON atomically.
class ImageContentsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImageContentsDialog(ImageContentsRequest request, QWidget* parent = nullptr);

    void setSbomPathPrompt(SbomPathPrompt prompt) { m_prompt = std::move(prompt); }
    // Shows the contents the request carried, or starts analysing the image.
    void loadOrAnalyse();
    std::shared_ptr<const ImageContents> contents() const { return m_contents; }

    ImageContentsController* controller() const { return m_controller; }
    PackageTableModel* packageModel() const { return m_packages; }
    VulnerabilityTableModel* vulnerabilityModel() const { return m_vulnerabilities; }
    QTableView* packageTable() const { return m_packageTable; }
    QTableView* vulnerabilityTable() const { return m_vulnerabilityTable; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* osLabel() const { return m_os; }
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* analyseButton() const { return m_analyse; }
    QPushButton* exportButton() const { return m_export; }
    QTabWidget* tabs() const { return m_tabs; }
    InlineMessage* message() const { return m_message; }

public slots:
    void analyse();
    // Asks for a path and writes the CycloneDX SBOM there; false when nothing was written.
    bool exportSbom();

signals:
    void sbomExported(const QString& path);

protected:
    void reject() override;

private:
    void showContents(std::shared_ptr<const ImageContents> contents);
    void onFinished(const ImageContentsOutcome& outcome);
    void setRunning(bool running);
    QString imageName() const;

    ImageContentsRequest m_request;
    SbomPathPrompt m_prompt = defaultSbomPathPrompt();
    std::shared_ptr<const ImageContents> m_contents;
    ImageContentsController* m_controller;
    PackageTableModel* m_packages;
    VulnerabilityTableModel* m_vulnerabilities;
    QSortFilterProxyModel* m_packageProxy;
    QLabel* m_title;
    QLabel* m_os;
    QLabel* m_layers;
    QLabel* m_counts;
    InlineMessage* m_message;
    QLabel* m_phase;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTabWidget* m_tabs;
    QLineEdit* m_filter;
    QTableView* m_packageTable;
    QTableView* m_vulnerabilityTable;
    QLabel* m_vulnerabilityHint;
    QPushButton* m_analyse;
    QPushButton* m_export;
};

} // namespace drydock::ui
