#pragma once
#include "core/docker/DockerEndpoint.h"
#include "core/rules/RuleCatalogue.h"
#include "core/findings/Alert.h"
#include "ui/AlertNotifier.h"
#include "ui/bridge/FilesController.h"
#include "ui/bridge/ScanController.h"
#include "ui/dialogs/ConnectDialog.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/dialogs/WaiverDialog.h"
#include "ui/widgets/DiffView.h"
#include "ui/wizard/HardeningWizard.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace drydock::ui {

class BenchmarkPage;
class DashboardPage;
class EventWatcher;
class FilesPage;
class FindingsPage;
class LiveUpdater;
struct LiveUpdate;
class HistoryController;
class HistoryPage;
class ImageContentsDialog;
class InlineMessage;
class InventoryPage;
class MapPage;
struct HistorySnapshot;
struct StoredScanView;
struct DeltaView;

// Asks for a project folder to check (a directory dialog in the application); empty when none was chosen.
using FolderPrompt = std::function<QString(QWidget* parent, const QString& startDirectory)>;
FolderPrompt defaultFolderPrompt();
// Asks where to save a file (a save dialog in the application), starting at suggestedPath; empty when the
// person cancelled. File ▸ Export host fix script… asks through it.
using HostFixPathPrompt = std::function<QString(QWidget* parent, const QString& suggestedPath)>;
HostFixPathPrompt defaultHostFixPathPrompt();

// The window's first geometry on a screen with this available area (no geometry saved yet): 85 % of it, capped
// at 1920 × 1200, centred (MainWindowGeometry.cpp).
QRect firstWindowGeometry(const QRect& available);

// What the composition root hands the window: no singletons, everything injectable for tests.
struct MainWindowServices
{
    const RuleCatalogue* catalogue = nullptr;
    QString databasePath;
    std::optional<DockerEndpoint> endpoint; // nullopt: resolution failed, see endpointError
    QString endpointError;
    bool scanOnStart = true;
    ConnectPrompt connectPrompt = defaultConnectPrompt();
    WaiverPrompt waiverPrompt = defaultWaiverPrompt();
    ReportOpener reportOpener = defaultReportOpener();
    ConfirmPrompt hardenConfirm = defaultConfirmPrompt();
    ProjectReviewer projectReviewer = reviewProject; // the Files page's check of a project folder
    FolderPrompt folderPrompt = defaultFolderPrompt();
    FixConfirmPrompt fixConfirm = defaultFixConfirmPrompt();
    SavePathPrompt savePath = defaultSavePathPrompt(); // where Export map… writes
    AlertNotifierFactory alertNotifier = defaultAlertNotifier(); // the background watch's desktop notifications
    HostFixPathPrompt hostFixPathPrompt = defaultHostFixPathPrompt();
};

// The application window: wires pages, menus, actions and the status bar; decides nothing itself.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page
    {
        DashboardPageIndex,
        InventoryPageIndex,
        FindingsPageIndex,
        HistoryPageIndex,
        MapPageIndex,
        FilesPageIndex,
        BenchmarkPageIndex
    };

    explicit MainWindow(MainWindowServices services, QWidget* parent = nullptr);
    ~MainWindow() override;

    DashboardPage* dashboard() const { return m_dashboard; }
    InventoryPage* inventory() const { return m_inventory; }
    FindingsPage* findings() const { return m_findings; }
    HistoryPage* history() const { return m_history; }
    MapPage* map() const { return m_map; }
    FilesPage* files() const { return m_files; }
    BenchmarkPage* benchmark() const { return m_benchmark; }
    // The CIS Docker Benchmark version every CIS id in the window (and the exports) uses: View ▸ CIS
    // Benchmark version, kept in the settings (MainWindowBenchmark.cpp).
    CisVersion cisVersion() const { return m_cisVersion; }
    QAction* cisVersionAction(CisVersion version) const;
    FilesController* filesController() const { return m_filesController; }
    QAction* openProjectFolderAction() const { return m_openFolderAction; }
    InlineMessage* message() const { return m_message; }
    ScanController* scanController() const { return m_scans; }
    HistoryController* historyController() const { return m_historyController; }
    QAction* scanAction() const { return m_scanAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* exportAction() const { return m_exportAction; }
    // File ▸ Export host fix script… (MainWindowBenchmark.cpp): enabled while the shown scan has open host
    // findings with fixes.
    QAction* hostFixAction() const { return m_hostFixAction; }
    // What File ▸ Export… offers right now (the dialog is built from it).
    ExportSources exportSources() const;
    EventWatcher* eventWatcher() const { return m_events; }
    LiveUpdater* liveUpdater() const { return m_live; }
    QAction* liveUpdatesAction() const { return m_liveAction; }
    // The background watch (MainWindowWatch.cpp): View ▸ Watch in the background, its alert threshold and
    // the session autostart entry.
    QAction* watchAction() const { return m_watchAction; }
    QAction* alertThresholdAction(Severity severity) const;
    QAction* autostartAction() const { return m_autostartAction; }
    Severity alertThreshold() const { return m_alertThreshold; }
    // Where the autostart entry goes: $XDG_CONFIG_HOME/autostart/drydock.desktop (~/.config without it).
    static QString autostartFilePath();
    // `drydock --background`, as the autostart entry starts it: the window stays hidden and the watch runs
    // for this session (the remembered setting is left as it is). False, and nothing changes, when there is
    // no tray to come back through: the caller shows the window.
    bool startInBackground();
    int currentPage() const;
    std::shared_ptr<const ScanResult> lastScan() const { return m_lastScan; }

public slots:
    void startScan();
    void showPage(int page);
    void chooseEndpoint();
    void exportReport();
    // Asks where, then writes the shown scan's host fixes as a reviewed sh script (mode 0600; never run).
    void exportHostFixScript();
    // Opens the guided hardening walkthrough on a container (name) or image (reference or id).
    HardeningWizard* openHardeningWizard(const QString& objectName);
    // Opens an image's packages and contents (MainWindowContents.cpp): the last scan's analysis when it has
    // one, else the dialog analyses the image itself.
    ImageContentsDialog* openImageContents(const QString& imageId);
    // File ▸ Open project folder… (MainWindowFiles.cpp): asks through the prompt, then checkProjectFolder.
    void openProjectFolder();
    // Shows the Files page and checks the folder's compose files and Dockerfiles.
    void checkProjectFolder(const QString& folder);
    // Shows every CIS id in this version and remembers it.
    void setCisVersion(CisVersion version);
    // A notification's Show: the window, raised, on the alert's finding.
    void showAlert(const drydock::Alert& alert);
    // A notification's Mute: a waiver per rule of the alert on its object, with a reason and 30 days' expiry.
    void muteAlert(const drydock::Alert& alert);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void applyFirstGeometry();
    void onScanFinished(const ScanOutcome& outcome);
    void onHistoryRefreshed(const HistorySnapshot& snapshot);
    void showStoredAtOpening(const std::shared_ptr<const StoredScanView>& view);
    // A first scan's findings while it runs (MainWindowProgress.cpp): shown when nothing else is, kept and
    // marked as incomplete when the scan is cancelled or fails.
    void showScanFindings(const std::shared_ptr<const std::vector<Finding>>& findings, int done, int total);
    void endScanFindings(const ScanOutcome& outcome);
    void setEndpoint(const DockerEndpoint& endpoint);
    // Live updates (MainWindowLive.cpp): follow the daemon's events after a scan, apply re-evaluations.
    void setUpLiveUpdates(QMenu* viewMenu);
    void setUpFiles();
    void setUpBenchmark(QMenu* viewMenu);
    // The scan on screen changed (m_shownScan; stored: its summary when read back from the history): the
    // Benchmark page assesses it and the host fix export follows it (MainWindowBenchmark.cpp).
    void shownScanChanged(const ScanSummary* stored);
    void followEvents();
    void applyLiveUpdate(const LiveUpdate& update);
    void setUpWatch(QMenu* viewMenu);
    void setWatching(bool on);
    void setAutostart(bool on);
    // Closing the window while watching hides it (with a tray to come back through); true when it did.
    bool hideInsteadOfClosing();

    MainWindowServices m_services;
    ScanController* m_scans = nullptr;
    HistoryController* m_historyController = nullptr;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_pages = nullptr;
    DashboardPage* m_dashboard = nullptr;
    InventoryPage* m_inventory = nullptr;
    FindingsPage* m_findings = nullptr;
    HistoryPage* m_history = nullptr;
    MapPage* m_map = nullptr;
    FilesPage* m_files = nullptr;
    BenchmarkPage* m_benchmark = nullptr;
    CisVersion m_cisVersion = kDefaultCisVersion;
    std::vector<std::pair<CisVersion, QAction*>> m_cisActions;
    FilesController* m_filesController = nullptr;
    QAction* m_openFolderAction = nullptr;
    InlineMessage* m_message = nullptr;
    QLabel* m_endpointLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QAction* m_scanAction = nullptr;
    QAction* m_cancelAction = nullptr;
    EventWatcher* m_events = nullptr;
    LiveUpdater* m_live = nullptr;
    QAction* m_liveAction = nullptr;
    QLabel* m_liveLabel = nullptr;
    QAction* m_watchAction = nullptr;
    QAction* m_autostartAction = nullptr;
    std::vector<std::pair<Severity, QAction*>> m_thresholdActions;
    Severity m_alertThreshold = Severity::High;
    std::unique_ptr<AlertNotifier> m_notifier;
    bool m_quitting = false; // Quit from the tray menu: the close really closes
    std::shared_ptr<const ScanResult> m_lastScan;
    qint64 m_lastScanId = 0;
    qint64 m_lastBaselineId = 0; // the scan the last one was compared with when it was recorded
    QAction* m_exportAction = nullptr;
    QAction* m_hostFixAction = nullptr;
    std::shared_ptr<const ScanResult> m_shownScan; // what the Findings page shows: the last scan or a stored one
    qint64 m_shownScanId = 0;
    std::vector<ScanSummary> m_historyScans;
    std::shared_ptr<const DeltaView> m_lastDelta;
    bool m_partialShown = false; // the Findings page shows a running (or stopped) scan's first findings
    bool m_partialStale = false; // those are of an earlier, stopped scan: the next batch replaces them
    int m_partialDone = 0;       // containers checked, of m_partialTotal, in what is shown
    int m_partialTotal = 0;
};

} // namespace drydock::ui
