#pragma once
#include "core/report/ReportFormat.h"
#include "core/rules/RuleCatalogue.h"
#include "core/store/ScanRepository.h"
#include "ui/bridge/ExportController.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace drydock::ui {

class InlineMessage;

// Opens a finished report (the desktop's viewer in production; tests record the path instead).
using ReportOpener = std::function<void(const QString& path)>;
ReportOpener defaultReportOpener();

// Everything the dialog can export, gathered by the window when it opens the dialog.
struct ExportSources
{
    const RuleCatalogue* catalogue = nullptr;
    std::shared_ptr<const ScanResult> scan; // the last scan of the daemon; null when there is none
    qint64 scanId = 0;
    std::optional<ScanDelta> delta; // the last scan against its baseline, when known
    qint64 baselineScanId = 0;
    std::shared_ptr<const ScanResult> filtered; // what the Findings page shows through its filters
    qint64 filteredScanId = 0;
    QString filterDescription;
    std::string preselectedObjectId;  // the object of the finding selected on the Findings page
    std::vector<ScanSummary> history; // newest first
    QString databasePath;
    QString directory; // where the file chooser starts
    CisVersion cisVersion = kDefaultCisVersion; // the CIS ids the report shows
};

// File ▸ Export…: format, detail (HTML and PDF), scope (all findings / the Findings page's filter / chosen
// objects / a past scan), include waived, include remediation and the file; writes off the GUI thread with progress and cancel,
// shows failures inline, and opens the report when done.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Scope
    {
        All,
        Filter,
        Objects,
        PastScan
    };

    ExportDialog(ExportSources sources, ReportOpener opener = defaultReportOpener(),
                 QWidget* parent = nullptr);

    void setFormat(ReportFormat format);
    void setScope(Scope scope);
    void setPath(const QString& path);
    void setObjectChecked(const std::string& objectId, bool checked);
    void setPastScan(qint64 scanId);
    ExportRequest request() const; // what Export would write now (without checking the path)

    QString path() const;
    QPushButton* exportButton() const { return m_export; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    InlineMessage* message() const { return m_message; }
    ExportController* controller() const { return m_controller; }
    QListWidget* objectList() const { return m_objects; }
    QComboBox* pastScans() const { return m_past; }
    QComboBox* detail() const { return m_detail; }

public slots:
    void startExport();

signals:
    void exported(const QString& path);

protected:
    void reject() override;

private:
    ReportFormat format() const;
    Scope scope() const;
    void updateState();
    void suggestPath();
    void onFinished(const ExportOutcome& outcome);

    ExportSources m_sources;
    ReportOpener m_opener;
    ExportController* m_controller;
    QComboBox* m_format;
    QComboBox* m_detail;
    QButtonGroup* m_scope;
    QRadioButton* m_scopeButtons[4];
    QListWidget* m_objects;
    QComboBox* m_past;
    QCheckBox* m_waived;
    QCheckBox* m_remediation;
    QCheckBox* m_open;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QProgressBar* m_progress;
    InlineMessage* m_message;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QPushButton* m_close;
    bool m_pathEdited = false;
};

} // namespace drydock::ui
