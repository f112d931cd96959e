// MainWindow's share of the CIS Docker Benchmark: the View menu's version choice (kept in the settings, under
// the XDG config dir like the others), applied to every page that shows a CIS id, the Benchmark page's way to
// the Findings page and its assessment of a stored scan, and File ▸ Export host fix script….
#include "ui/MainWindow.h"

#include "core/common/AtomicFileWriter.h"
#include "core/host/HostFixScript.h"
#include "ui/bridge/QtConvert.h"
#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/InlineMessage.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>

namespace drydock::ui {

namespace {
const QString kCisSetting = QStringLiteral("view/cisVersion");
}

HostFixPathPrompt defaultHostFixPathPrompt()
{
    return [](QWidget* parent, const QString& suggested) {
        return QFileDialog::getSaveFileName(parent, QObject::tr("Export host fix script"), suggested,
                                            QObject::tr("Shell scripts (*.sh);;All files (*)"));
    };
}

void MainWindow::setUpBenchmark(QMenu* viewMenu)
{
    QMenu* versions = viewMenu->addMenu(tr("CIS Benchmark &version"));
    versions->setObjectName(QStringLiteral("cisVersionMenu"));
    auto* group = new QActionGroup(versions);
    group->setExclusive(true);
    for (CisVersion v : cisVersions()) {
        QAction* a = versions->addAction(tr("CIS Docker Benchmark %1").arg(QString::fromLatin1(toString(v))));
        a->setObjectName(QStringLiteral("cisVersion_") + QString::fromLatin1(toString(v)));
        a->setCheckable(true);
        group->addAction(a);
        m_cisActions.emplace_back(v, a);
        connect(a, &QAction::triggered, this, [this, v] { setCisVersion(v); });
    }
    // A value this build does not know (written by a later Drydock, or edited by hand) falls back to the
    // default.
    const std::string stored = QSettings().value(kCisSetting).toString().toStdString();
    m_cisVersion = cisVersionFromString(stored).value_or(kDefaultCisVersion);
    cisVersionAction(m_cisVersion)->setChecked(true);
    m_findings->setCisVersion(m_cisVersion);
    m_benchmark->setCisVersion(m_cisVersion);
    m_benchmark->setHostFixAction(m_hostFixAction);
    m_findings->details()->setHostFixAction(m_hostFixAction);

    connect(m_benchmark, &BenchmarkPage::findingsRequested, this,
            [this](const QStringList& ruleIds, const QString& label) {
                m_findings->showRules(ruleIds, label);
                showPage(FindingsPageIndex);
            });
}

QAction* MainWindow::cisVersionAction(CisVersion version) const
{
    for (const auto& [v, action] : m_cisActions) {
        if (v == version) {
            return action;
        }
    }
    return nullptr;
}

void MainWindow::setCisVersion(CisVersion version)
{
    if (QAction* a = cisVersionAction(version)) {
        a->setChecked(true);
    }
    if (version == m_cisVersion) {
        return;
    }
    m_cisVersion = version;
    QSettings().setValue(kCisSetting, QString::fromLatin1(toString(version)));
    // Display only: the findings and the history keep the rules' own references.
    m_findings->setCisVersion(version);
    m_benchmark->setCisVersion(version);
}

void MainWindow::shownScanChanged(const ScanSummary* stored)
{
    if (stored != nullptr) {
        m_benchmark->setStoredScan(m_shownScan, *stored);
    } else {
        m_benchmark->setScan(m_shownScan);
    }
    m_hostFixAction->setEnabled(m_shownScan && hostFixCount(*m_shownScan) > 0);
}

void MainWindow::exportHostFixScript()
{
    // Of the scan on screen (a stored one has no file modes: its chmod lines set the benchmark's mode).
    const std::shared_ptr<const ScanResult> scan = m_shownScan;
    if (!scan || hostFixCount(*scan) == 0) {
        return;
    }
    QString directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (directory.isEmpty() || !QDir(directory).exists()) {
        directory = QDir::homePath();
    }
    const QString path =
        m_services.hostFixPathPrompt(this, QDir(directory).filePath(QStringLiteral("drydock-host-fixes.sh")));
    if (path.isEmpty()) {
        return;
    }
    // 0600, as the command line writes it: the script is read first and then run on purpose (sudo sh FILE),
    // so it is not executable; and it names the host's users, paths and settings, so nobody else reads it.
    if (auto written = AtomicFileWriter::write(ss(path), hostFixScript(*scan), AtomicFileWriter::kPrivateMode);
        !written) {
        m_message->showMessage(InlineMessage::Kind::Error,
                               tr("Could not write the host fix script to %1: %2. Choose a folder you can write to.")
                                   .arg(path, qs(written.error().message)));
        return;
    }
    m_statusLabel->setText(tr("Host fix script written to %1 (%2 fixes): review it, then run it as root with sh.")
                               .arg(path)
                               .arg(hostFixCount(*scan)));
}

} // namespace drydock::ui
