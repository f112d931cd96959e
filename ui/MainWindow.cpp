#include "ui/MainWindow.h"

#include "core/findings/Waiver.h"
#include "core/report/ReportScope.h"
#include "core/report/ScanFromStored.h"
#include "ui/bridge/HistoryController.h"
#include "ui/bridge/QtConvert.h"
#include "ui/dialogs/AboutDialog.h"
#include "ui/dialogs/FleetDialog.h"
#include "ui/export/FleetReportExport.h"
#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FilesPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/HistoryPage.h"
#include "ui/pages/InventoryPage.h"
#include "ui/pages/MapPage.h"
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/InlineMessage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

// The .qrc is compiled into the static drydock_ui library, so its resources are registered by hand.
static void initUiResources() { Q_INIT_RESOURCE(drydock); }

namespace drydock::ui {

MainWindow::MainWindow(MainWindowServices services, QWidget* parent)
    : QMainWindow(parent), m_services(std::move(services))
{
    initUiResources();
    setWindowTitle(tr("Drydock"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/drydock.svg")));

    m_scans = new ScanController(*m_services.catalogue, m_services.databasePath, this);
    m_historyController = new HistoryController(m_services.databasePath, this);

    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("pageNavigator"));
    m_nav->setMaximumWidth(170);
    for (const QString& name :
         {tr("Dashboard"), tr("Inventory"), tr("Findings"), tr("History"), tr("Map"), tr("Files"), tr("Benchmark")}) {
        m_nav->addItem(name);
    }
    m_pages = new QStackedWidget(this);
    m_dashboard = new DashboardPage(m_pages);
    m_dashboard->setCatalogue(m_services.catalogue);
    m_inventory = new InventoryPage(m_pages);
    m_findings = new FindingsPage(m_pages);
    m_findings->setWaiverPrompt(m_services.waiverPrompt);
    // A finding on a container docker compose created: its fix in the compose file (read only when the daemon
    // runs here, since the labels name paths on the daemon's host; a scan read from the history has no labels).
    m_findings->details()->setComposeFileLookup([this](const Finding& f) -> FindingDetailsPanel::ComposeFileJob {
        if (!m_shownScan) {
            return {};
        }
        for (const auto& c : m_shownScan->inventory.containers) {
            if (c.id == f.object.id) {
                if (!composeOriginOf(c)) {
                    return {};
                }
                const bool local = m_services.endpoint && m_services.endpoint->kind == DockerEndpoint::Kind::Unix;
                // Copies: the job runs on a worker while the window may show another scan.
                return [c, edits = f.remediation.edits, read = composeFileReaderFor(local)] {
                    return composeFixForContainer(c, edits, read);
                };
            }
        }
        return {};
    });
    m_history = new HistoryPage(m_pages);
    m_map = new MapPage(m_pages);
    m_map->setSavePathPrompt(m_services.savePath);
    m_filesController = new FilesController(m_services.projectReviewer, this);
    m_files = new FilesPage(m_filesController, m_pages);
    m_files->setConfirmPrompt(m_services.fixConfirm);
    m_benchmark = new BenchmarkPage(m_pages);
    m_benchmark->setCatalogue(m_services.catalogue);
    for (QWidget* page : {static_cast<QWidget*>(m_dashboard), static_cast<QWidget*>(m_inventory),
                          static_cast<QWidget*>(m_findings), static_cast<QWidget*>(m_history),
                          static_cast<QWidget*>(m_map), static_cast<QWidget*>(m_files), static_cast<QWidget*>(m_benchmark)}) {
        m_pages->addWidget(page);
    }
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(DashboardPageIndex);

    m_message = new InlineMessage(this);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_message);
    rightLayout->addWidget(m_pages, 1);
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(m_nav);
    layout->addWidget(right, 1);
    setCentralWidget(central);

    m_endpointLabel = new QLabel(this);
    m_endpointLabel->setTextFormat(Qt::PlainText);
    m_statusLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_endpointLabel);

    createActions();
    setUpFiles();

    connect(m_scans, &ScanController::started, this, [this] {
        m_scanAction->setEnabled(false);
        m_cancelAction->setEnabled(true);
        m_progress->setRange(0, 0);
        m_progress->show();
        m_statusLabel->setText(tr("Scanning…"));
        m_partialStale = m_partialShown; // a stopped scan's rows stay until this one's first findings
    });
    connect(m_scans, &ScanController::progress, this, [this](const QString& phase, int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_statusLabel->setText(tr("Scanning: %1…").arg(phase));
    });
    connect(m_scans, &ScanController::findingsArrived, this, &MainWindow::showScanFindings);
    connect(m_scans, &ScanController::finished, this, &MainWindow::onScanFinished);
    connect(m_historyController, &HistoryController::refreshed, this, &MainWindow::onHistoryRefreshed);
    connect(m_historyController, &HistoryController::failed, this,
            [this](const QString& text) { m_message->showMessage(InlineMessage::Kind::Warning, text); });
    connect(m_historyController, &HistoryController::scanOpened, this,
            [this](const std::shared_ptr<const StoredScan>& scan) {
                m_shownScan = std::make_shared<const ScanResult>(scanFromStored(*scan));
                m_shownScanId = scan->summary.id;
                shownScanChanged(&scan->summary);
                m_partialShown = m_partialStale = false; // a running scan's first findings give way
                auto findings = std::shared_ptr<const std::vector<Finding>>(scan, &scan->findings);
                m_findings->setFindings(findings, tr("Stored scan %1 of %2 from %3 (read-only)")
                                                      .arg(scan->summary.id)
                                                      .arg(displayText(scan->summary.endpoint, 80),
                                                           dateText(scan->summary.startedAtUnix)));
                showPage(FindingsPageIndex);
            });
    connect(m_historyController, &HistoryController::latestOpened, this, &MainWindow::showStoredAtOpening);
    connect(m_historyController, &HistoryController::compared, this,
            [this](const std::shared_ptr<const DeltaView>& view) {
                if (view->later.id == m_lastScanId) {
                    m_lastDelta = view;
                    m_dashboard->setDelta(&view->delta);
                }
                m_history->showDelta(*view);
            });
    connect(m_historyController, &HistoryController::waiverAdded, this, [this](qint64) {
        m_statusLabel->setText(tr("Waiver saved; rescanning to apply it."));
        startScan();
    });
    connect(m_history, &HistoryPage::openRequested, m_historyController, &HistoryController::openScan);
    connect(m_history, &HistoryPage::compareRequested, m_historyController, &HistoryController::compare);
    connect(m_findings, &FindingsPage::waiverRequested, m_historyController, &HistoryController::addWaiver);
    connect(m_findings, &FindingsPage::hardenRequested, this, &MainWindow::openHardeningWizard);
    connect(m_inventory, &InventoryPage::hardenRequested, this, &MainWindow::openHardeningWizard);
    connect(m_inventory, &InventoryPage::contentsRequested, this, &MainWindow::openImageContents);
    const auto showObject = [this](const QString& name) {
        m_findings->showObject(name);
        showPage(FindingsPageIndex);
    };
    connect(m_dashboard, &DashboardPage::objectActivated, this, showObject);
    connect(m_dashboard, &DashboardPage::findingActivated, this, [this](const QString& name, const QString& ruleId) {
        m_findings->showFinding(name, ruleId);
        showPage(FindingsPageIndex);
    });
    connect(m_dashboard, &DashboardPage::fleetScanRequested, this,
            [this] { openFleetDialog(this, *m_services.catalogue, m_services.databasePath); });
    connect(m_dashboard, &DashboardPage::fleetExportRequested, this, [this] {
        if (m_dashboard->fleet()) {
            exportFleetReport(this, *m_dashboard->fleet());
        }
    });
    connect(m_inventory, &InventoryPage::objectActivated, this, showObject);
    connect(m_map, &MapPage::objectActivated, this, showObject);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        applyFirstGeometry();
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());

    if (m_services.endpoint) {
        setEndpoint(*m_services.endpoint);
    } else {
        m_endpointLabel->setText(tr("no daemon"));
        m_message->showMessage(InlineMessage::Kind::Error,
                               m_services.endpointError + tr("\nChoose a daemon with File → Connect… (Ctrl+K); "
                                                             "stored history stays available."));
        m_scanAction->setEnabled(false);
    }
    m_historyController->refresh();
    if (m_services.endpoint && QFileInfo::exists(m_services.databasePath)) {
        // The last stored scan of this daemon first, while its own scan reads the daemon: findings at once
        // instead of after the whole inventory of a large host. A history not created yet holds none (and its
        // creation is left to the refresh alone).
        m_historyController->openLatest(qs(m_services.endpoint->display()));
    }
    if (m_services.scanOnStart && m_services.endpoint) {
        startScan();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::chooseEndpoint);
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_openFolderAction = file->addAction(tr("Open project &folder…"), this, &MainWindow::openProjectFolder);
    m_openFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openFolderAction->setObjectName(QStringLiteral("openProjectFolderAction"));
    m_openFolderAction->setToolTip(tr("Check a folder's compose files and Dockerfiles, and fix them"));
    m_exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportReport);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_hostFixAction = file->addAction(tr("Export &host fix script…"), this, &MainWindow::exportHostFixScript);
    m_hostFixAction->setObjectName(QStringLiteral("hostFixAction"));
    m_hostFixAction->setEnabled(false);
    m_hostFixAction->setToolTip(tr("Write the host findings' fixes (chown, chmod, audit rules, daemon.json keys) "
                                   "as a shell script to review and run as root; Drydock never runs it"));
    file->addAction(tr("&Endpoints and fleet scan…"), this,
                    [this] { openFleetDialog(this, *m_services.catalogue, m_services.databasePath); });
    file->addSeparator();
    // Quits even while watching in the background (closing the window only hides it then).
    QAction* quit = file->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        close();
    });
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* scan = menuBar()->addMenu(tr("&Scan"));
    m_scanAction = scan->addAction(tr("&Scan now"), this, &MainWindow::startScan);
    m_scanAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_scanAction->setObjectName(QStringLiteral("scanAction"));
    m_cancelAction = scan->addAction(tr("&Cancel scan"), m_scans, &ScanController::cancel);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);
    QAction* contentsAction = scan->addAction(tr("Analyse image &contents (slow)"));
    contentsAction->setObjectName(QStringLiteral("contentsAction"));
    contentsAction->setCheckable(true);
    contentsAction->setToolTip(
        tr("Also read every image's layers: setuid files, tools, keys, packages (IMG-101 … IMG-114)"));
    connect(contentsAction, &QAction::toggled, this, [this](bool on) {
        ContentScanOptions options = m_scans->contentOptions();
        options.enabled = on;
        m_scans->setContentOptions(options);
    });

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* find = edit->addAction(tr("&Find findings"), this, [this] {
        showPage(FindingsPageIndex);
        m_findings->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* copy = edit->addAction(tr("Copy &remediation"), this, [this] { m_findings->copyCurrentCommand(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QString names[] = {tr("&Dashboard"), tr("&Inventory"), tr("&Findings"), tr("&History"),
                             tr("&Map"),       tr("Fi&les"),     tr("&Benchmark")};
    for (int i = 0; i < 7; ++i) {
        QAction* a = view->addAction(names[i], this, [this, i] { showPage(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    setUpBenchmark(view);
    setUpLiveUpdates(view);
    setUpWatch(view);

    // SVG icons: crisp at any device pixel ratio.
    connectAction->setIcon(QIcon(QStringLiteral(":/icons/connect.svg")));
    m_scanAction->setIcon(QIcon(QStringLiteral(":/icons/scan.svg")));
    m_cancelAction->setIcon(QIcon(QStringLiteral(":/icons/cancel.svg")));
    find->setIcon(QIcon(QStringLiteral(":/icons/find.svg")));
    copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_liveAction->setIcon(QIcon(QStringLiteral(":/icons/live.svg")));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Drydock"), this, [this] { AboutDialog::showFor(this); });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->addAction(m_scanAction);
    bar->addAction(m_cancelAction);
    bar->addAction(connectAction);
    bar->addAction(m_liveAction);
}

int MainWindow::currentPage() const { return m_pages->currentIndex(); }

void MainWindow::showPage(int page) { m_nav->setCurrentRow(page); }

void MainWindow::setEndpoint(const DockerEndpoint& endpoint)
{
    m_services.endpoint = endpoint;
    m_scans->setEndpoint(endpoint);
    followEvents(); // stops following the old endpoint; the next scan starts on the new one
    m_endpointLabel->setText(qs(endpoint.display()));
    m_scanAction->setEnabled(!m_scans->isRunning());
}

void MainWindow::chooseEndpoint()
{
    const DockerEndpoint current = m_services.endpoint.value_or(DockerEndpoint{});
    if (auto chosen = m_services.connectPrompt(this, current)) {
        setEndpoint(*chosen);
        m_message->hide();
        startScan();
    }
}

void MainWindow::startScan()
{
    if (!m_services.endpoint || m_scans->isRunning()) {
        return;
    }
    // A finished list on screen stays until this scan ends (showScanFindings): its findings need no copies.
    m_scans->setForwardFindings(!m_shownScan || m_partialShown);
    m_scans->start();
}

void MainWindow::onScanFinished(const ScanOutcome& outcome)
{
    m_progress->hide();
    m_scanAction->setEnabled(m_services.endpoint.has_value());
    m_cancelAction->setEnabled(false);
    endScanFindings(outcome);
    if (!outcome.result) {
        m_statusLabel->setText(outcome.cancelled ? tr("Scan cancelled; nothing changed.") : tr("Scan failed."));
        if (!outcome.cancelled) {
            m_message->showMessage(InlineMessage::Kind::Error, outcome.error);
        }
        return;
    }
    m_message->hide();
    if (!outcome.historyWarning.isEmpty()) {
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("The scan worked but was not stored in the history: %1").arg(outcome.historyWarning));
    }
    m_lastScan = outcome.result;
    m_lastScanId = outcome.scanId;
    m_lastBaselineId = outcome.baselineScanId;
    m_shownScan = outcome.result;
    m_shownScanId = outcome.scanId;
    m_lastDelta.reset();
    m_dashboard->setScan(*outcome.result);
    m_dashboard->setDelta(nullptr);
    shownScanChanged(nullptr);
    m_inventory->setSnapshot(outcome.result->inventory, outcome.result->findings);
    m_map->setScan(outcome.result);
    m_findings->setFindings(std::shared_ptr<const std::vector<Finding>>(outcome.result, &outcome.result->findings.all()));
    m_statusLabel->setText(tr("Scan finished: %1 findings.").arg(outcome.result->findings.size()));
    followEvents();
    m_historyController->refresh();
}

void MainWindow::showStoredAtOpening(const std::shared_ptr<const StoredScanView>& view)
{
    // Only while nothing else is shown: a live scan that arrived first, or a scan opened from the History page,
    // wins over this one; so does another endpoint chosen meanwhile.
    if (!view || m_shownScan || m_partialShown || !m_services.endpoint ||
        view->summary.endpoint != m_services.endpoint->display()) {
        return;
    }
    m_shownScan = view->scan;
    m_shownScanId = view->summary.id;
    m_dashboard->setStoredScan(*view->scan, view->summary);
    m_map->setScan(view->scan); // a stored scan keeps its inventory when it has one; else the page says so
    shownScanChanged(&view->summary);
    m_findings->setFindings(std::shared_ptr<const std::vector<Finding>>(view->scan, &view->scan->findings.all()),
                            tr("Last stored scan %1 of %2 from %3 (read-only until a new scan finishes)")
                                .arg(view->summary.id)
                                .arg(displayText(view->summary.endpoint, 80), dateText(view->summary.startedAtUnix)));
}

void MainWindow::onHistoryRefreshed(const HistorySnapshot& snapshot)
{
    m_history->setScans(snapshot.scans);
    m_historyScans = snapshot.scans;
    m_dashboard->setTrend(snapshot.trend, snapshot.scans);
    m_dashboard->setFleet(snapshot.fleet, snapshot.fleetTrend);
    if (m_lastScan && m_lastScanId && m_lastBaselineId) {
        // "Changes since the previous scan": the baseline ScanRecorder chose when it stored the scan.
        m_historyController->compare(m_lastBaselineId, m_lastScanId);
    }
}

ExportSources MainWindow::exportSources() const
{
    ExportSources sources;
    sources.catalogue = m_services.catalogue;
    sources.scan = m_lastScan;
    sources.scanId = m_lastScanId;
    if (m_lastDelta && m_lastDelta->later.id == m_lastScanId) {
        sources.delta = m_lastDelta->delta;
        sources.baselineScanId = m_lastDelta->baseline.id;
    }
    if (m_shownScan) {
        auto filtered = std::make_shared<ScanResult>(scopedScan(*m_shownScan, [](const Finding&) { return false; }));
        filtered->findings = FindingSet(m_findings->visibleFindings());
        sources.filtered = filtered;
        sources.filteredScanId = m_shownScanId;
        if (m_shownScanId && m_shownScanId != m_lastScanId) {
            sources.filterDescription = tr("stored scan %1").arg(m_shownScanId);
        }
    }
    if (const Finding* f = m_findings->currentFinding(); f && m_shownScan == m_lastScan) {
        sources.preselectedObjectId = f->object.id;
    }
    sources.history = m_historyScans;
    sources.databasePath = m_services.databasePath;
    sources.cisVersion = m_cisVersion;
    sources.directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (sources.directory.isEmpty() || !QDir(sources.directory).exists()) {
        sources.directory = QDir::homePath();
    }
    return sources;
}

void MainWindow::exportReport()
{
    ExportDialog dialog(exportSources(), m_services.reportOpener, this);
    connect(&dialog, &ExportDialog::exported, this,
            [this](const QString& path) { m_statusLabel->setText(tr("Report written to %1").arg(path)); });
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (hideInsteadOfClosing()) {
        event->ignore();
        return;
    }
    m_scans->cancel();
    m_filesController->cancel();
    m_liveAction->setEnabled(false);
    followEvents(); // disabled action: stops the event thread
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

HardeningWizard* MainWindow::openHardeningWizard(const QString& objectName)
{
    HardeningWizardServices services;
    services.endpoint = m_services.endpoint;
    services.catalogue = m_services.catalogue;
    services.databasePath = m_services.databasePath;
    services.confirm = m_services.hardenConfirm;
    auto* wizard = new HardeningWizard(std::move(services), objectName, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    // After an apply the window rescans, so the resolved findings close here too.
    connect(wizard, &HardeningWizard::applyFinished, this, &MainWindow::startScan);
    connect(wizard, &HardeningWizard::waiverRequested, m_historyController, &HistoryController::addWaiver);
    wizard->show();
    wizard->loadPlan();
    return wizard;
}

} // namespace drydock::ui
