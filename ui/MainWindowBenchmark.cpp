// MainWindow's share of the CIS Docker Benchmark: the View menu's version choice (kept in the settings, under
// the XDG config dir like the others), applied to every page that shows a CIS id, and the Benchmark page's
// way to the Findings page.
#include "ui/MainWindow.h"

#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/FindingsPage.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace drydock::ui {

namespace {
const QString kCisSetting = QStringLiteral("view/cisVersion");
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

} // namespace drydock::ui
