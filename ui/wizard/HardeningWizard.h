#pragma once
#include "core/docker/DockerEndpoint.h"
#include "core/findings/Waiver.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/HardeningRunner.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/bridge/ComposeFixLoader.h"
#include "ui/bridge/ProbeController.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QWizard>

#include <functional>
#include <optional>

class QLabel;
class QTabWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace drydock::ui {

class CommandView;
class ProbePanel;

// Seams for the wizard's modal questions and its daemon work, so tests answer and fake them.
using ConfirmPrompt = std::function<bool(QWidget* parent, const QString& question)>;
using SavePathPrompt = std::function<QString(QWidget* parent, const QString& title, const QString& filter)>;
ConfirmPrompt defaultConfirmPrompt();
SavePathPrompt defaultSavePathPrompt();

// What the hardening wizard is given: the endpoint, prompts and the steps tests replace.
struct HardeningWizardServices
{
    std::optional<DockerEndpoint> endpoint;
    const RuleCatalogue* catalogue = nullptr;
    QString databasePath; // actions are recorded here; empty = not recorded
    int watchSeconds = 5;
    ConfirmPrompt confirm = defaultConfirmPrompt();
    SavePathPrompt savePath = defaultSavePathPrompt();
    // Run in a worker thread. Defaults talk to the endpoint (and record actions); tests replace them. The
    // token fires when the person cancels: the trial removes its container, the apply rolls back.
    std::function<Result<HardeningPlan>(const std::string& object)> load;
    std::function<Result<WatchReport>(const HardeningPlan& plan, const CancelToken& cancel)> trial;
    std::function<Result<ApplyOutcome>(const HardeningPlan& plan, const CancelToken& cancel)> apply;
    // The trial runner of "Find what it tolerates" (a LeastPrivilegeProbe), made on the worker; by default
    // TrialBatches on the endpoint (endpointProbeTrials).
    ProbeTrialsMaker probeTrials;
};

// The guided hardening walkthrough on one container or image: overview, one page per area with a choice
// per change (apply, skip, waive with a reason), preview with copyable diff and snippets and export, an
// optional trial, and a confirmed apply with automatic rollback. Daemon work runs off the GUI thread; Cancel
// (or closing the window) during a trial or an apply stops it and undoes what it changed, and the wizard
// stays open until that is done so that it can say how it ended.
class HardeningWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        OverviewPage,
        ImageAreaPage,
        ContainerAreaPage,
        RuntimeAreaPage,
        NetworkAreaPage,
        SecretsAreaPage,
        PreviewPage,
        TrialPage,
        ApplyPage
    };

    HardeningWizard(HardeningWizardServices services, QString objectName, QWidget* parent = nullptr);
    ~HardeningWizard() override;

    // Loads the plan (off the GUI thread); planLoaded or loadFailed follows.
    void loadPlan();
    void setPlan(HardeningPlan plan);
    const HardeningPlan& plan() const { return m_plan; }
    bool isBusy() const;

    // For tests and the pages.
    void setChoice(const std::string& changeId, ChangeChoice choice, const QString& waiveReason = {});
    QString previewDiff() const;
    QString statusText() const;
    bool exportPlan(const QString& format); // "script" or "markdown"
    void runTrial();
    void runApply();
    // "Find what it tolerates": probes the plan of a running container off the GUI thread; its verdicts
    // become the choices (applyProbeResult) and each change shows its evidence. probeFinished follows.
    void runProbe();
    void cancelProbe();
    bool isProbing() const;
    QString probeSummaryText() const;
    std::optional<WatchReport> trialResult() const { return m_trial; }
    std::optional<ApplyOutcome> applyResult() const { return m_applied; }

signals:
    void planLoaded();
    void loadFailed(const QString& message);
    void trialFinished();
    void applyFinished();
    void probeFinished();
    // On Finish, one per rule of each change the person waived (stored by the window's history).
    void waiverRequested(const drydock::Waiver& waiver);

public:
    void accept() override;
    void reject() override;

private:
    void buildPages();
    void showPlan();
    QWidget* makeProbePanel(QWidget* page); // in HardeningWizardProbe.cpp
    void refreshPreview();
    void showComposeFile();
    void setBusy(bool busy, const QString& text);
    static HardeningWizardServices withDefaults(HardeningWizardServices services);

    HardeningWizardServices m_services;
    QString m_objectName;
    HardeningPlan m_plan;
    std::optional<WatchReport> m_trial;
    std::optional<ApplyOutcome> m_applied;
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint: long work there stalls drawing.
    QThreadPool m_pool;
    QFutureWatcher<Result<HardeningPlan>> m_loadWatcher;
    QFutureWatcher<Result<WatchReport>> m_trialWatcher;
    QFutureWatcher<Result<ApplyOutcome>> m_applyWatcher;
    CancelToken m_cancel;             // a new one for each trial or apply
    ComposeFixLoader m_composeLoader; // reads and patches the compose file of a compose-made container

    QLabel* m_overview = nullptr;
    std::vector<QWidget*> m_areaBodies;    // one per area page, rebuilt when the plan arrives
    std::vector<QLabel*> m_areaProbeNotes; // one per area page: how the last probe ended
    ProbePanel* m_probe = nullptr;
    CommandView* m_diff = nullptr;
    CommandView* m_after = nullptr;
    CommandView* m_compose = nullptr;
    CommandView* m_composeFile =
        nullptr; // the change to the service in its compose file (docker compose made it)
    QTabWidget* m_previewTabs = nullptr;
    int m_composeFileTab = -1;
    CommandView* m_dockerfile = nullptr;
    QLabel* m_manual = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_trialButton = nullptr;
    QPushButton* m_applyButton = nullptr;
    QLabel* m_trialResult = nullptr;
    QLabel* m_applyResult = nullptr;
    QPlainTextEdit* m_trialLog = nullptr;
};

} // namespace drydock::ui
