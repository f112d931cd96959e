#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/files/ComposeOrigin.h"
#include "core/findings/Finding.h"

#include <functional>
#include <optional>

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QToolButton;
class QTabWidget;

namespace drydock::ui {

class CommandView;
class ComposeFixLoader;
class SeverityBadge;

// Everything about one finding: what and why, the (masked) evidence, the CIS reference, the fix in plain
// words, and the remediated docker run command, compose snippet and Dockerfile change, each copyable.
class FindingDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FindingDetailsPanel(QWidget* parent = nullptr);
    void showFinding(const Finding* finding);
    // How to find the change to a finding's container in its compose file (docker compose created it); set by
    // the window that knows the scan's containers. The lookup, on the GUI thread, only decides whether there is
    // a compose file to read and returns the job that reads and patches it (run on a worker: a large file takes
    // seconds). Unset, an empty job, or a job returning nullopt: no "Compose file" tab.
    using ComposeFileJob = std::function<std::optional<ComposeOriginFix>()>;
    using ComposeFileLookup = std::function<ComposeFileJob(const Finding&)>;
    void setComposeFileLookup(ComposeFileLookup lookup) { m_composeLookup = std::move(lookup); }
    CommandView* runCommandView() const { return m_run; }
    void setWaiveEnabled(bool enabled);
    // File ▸ Export host fix script…, offered on host findings (their fix is a line of that script).
    void setHostFixAction(QAction* action);
    QToolButton* hostFixButton() const { return m_hostFix; }
    // The benchmark version whose id the meta line shows (the finding keeps its own reference).
    void setCisVersion(CisVersion version);
    QLabel* metaLabel() const { return m_meta; }

public slots:
    void copyCurrentCommand();

signals:
    void waiveRequested(const drydock::Finding& finding);
    void hardenRequested(const drydock::Finding& finding);

private:
    void showComposeFile(const std::optional<ComposeOriginFix>& fix);
    QString metaText(const Finding& f) const;

    Finding m_current;
    bool m_hasCurrent = false;
    CisVersion m_cisVersion = kDefaultCisVersion;
    SeverityBadge* m_badge;
    QLabel* m_title;
    QLabel* m_meta;
    QLabel* m_evidence;
    QLabel* m_rationale;
    QLabel* m_fix;
    QLabel* m_waiver;
    QTabWidget* m_tabs;
    CommandView* m_run;
    CommandView* m_compose;
    CommandView* m_dockerfile;
    CommandView* m_composeFile;
    int m_composeFileTab = -1;
    ComposeFileLookup m_composeLookup;
    ComposeFixLoader* m_composeLoader;
    QPushButton* m_waive;
    QPushButton* m_harden;
    QToolButton* m_hostFix;
};

} // namespace drydock::ui
