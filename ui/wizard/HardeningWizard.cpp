#include "ui/wizard/HardeningWizard.h"

#include "core/common/AtomicFileWriter.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/docker/TransportFactory.h"
#include "core/hardening/HardeningLoader.h"
#include "core/hardening/PlanWaivers.h"
#include "core/store/HistoryStore.h"
#include "ui/bridge/ComposeFixLoader.h"
#include "ui/widgets/CommandView.h"
#include "ui/wizard/ProbePanel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace drydock::ui {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

// Skips area pages without changes, so the walkthrough only shows what concerns this object.
class WizardPage : public QWizardPage
{
public:
    explicit WizardPage(std::function<int()> next) : m_next(std::move(next)) {}
    int nextId() const override { return m_next ? m_next() : QWizardPage::nextId(); }

private:
    std::function<int()> m_next;
};

Area areaOfPage(int id)
{
    return kHardeningAreas[static_cast<std::size_t>(id - HardeningWizard::ImageAreaPage)];
}

Result<std::unique_ptr<DockerClient>> connectTo(const DockerEndpoint& endpoint)
{
    auto transport = makeTransport(endpoint);
    if (!transport) {
        return transport.error();
    }
    auto client = std::make_unique<DockerClient>(std::move(transport.value()), endpoint);
    if (auto v = client->negotiate(); !v) {
        return v.error();
    }
    return client;
}

// Runs a trial or apply in the worker thread, recording each step in the history when a database is set.
template <typename Fn>
auto withRunner(const HardeningWizardServices& s, const HardeningPlan& plan, const std::string& phase, Fn fn)
    -> decltype(fn(std::declval<HardeningRunner&>()))
{
    if (!s.endpoint) {
        return Error::make(ErrorCode::DaemonUnreachable, "No Docker endpoint is chosen; connect first.");
    }
    auto client = connectTo(*s.endpoint);
    if (!client) {
        return client.error();
    }
    std::unique_ptr<HistoryStore> store;
    if (!s.databasePath.isEmpty()) {
        auto opened = HistoryStore::open(s.databasePath.toStdString());
        if (opened) {
            store = std::move(opened.value());
        }
    }
    const SystemClock clock;
    const std::string endpoint = s.endpoint->display();
    DockerWriter writer(client.value()->transport(), client.value()->apiVersion(), {});
    HardeningRunner runner(*client.value(), writer, clock, [&](const HardeningAction& a) {
        if (store) {
            (void)store->actions().add({0, endpoint, toString(plan.object.type), plan.object.id,
                                        plan.object.name, phase + ": " + a.step, a.outcome, a.details,
                                        clock.nowUnix()});
        }
    });
    runner.setWatchSeconds(s.watchSeconds);
    return fn(runner);
}

} // namespace

ConfirmPrompt defaultConfirmPrompt()
{
    return [](QWidget* parent, const QString& question) {
        return QMessageBox::question(parent, QObject::tr("Apply the hardening"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
}

SavePathPrompt defaultSavePathPrompt()
{
    return [](QWidget* parent, const QString& title, const QString& filter) {
        return QFileDialog::getSaveFileName(parent, title, QString(), filter);
    };
}

HardeningWizardServices HardeningWizard::withDefaults(HardeningWizardServices s)
{
    if (!s.load) {
        s.load = [endpoint = s.endpoint,
                  catalogue = s.catalogue](const std::string& object) -> Result<HardeningPlan> {
            if (!endpoint || catalogue == nullptr) {
                return Error::make(ErrorCode::DaemonUnreachable,
                                   "No Docker endpoint is chosen; connect first.");
            }
            auto client = connectTo(*endpoint);
            if (!client) {
                return client.error();
            }
            const SystemClock clock;
            NullProgressSink progress;
            auto target = HardeningLoader::load(*client.value(), *catalogue, clock, ScanSettings{}, object,
                                                progress, CancelToken());
            if (!target) {
                return target.error();
            }
            return std::move(target->plan);
        };
    }
    if (!s.trial) {
        s.trial = [s](const HardeningPlan& plan, const CancelToken& cancel) {
            return withRunner(s, plan, "trial", [&](HardeningRunner& r) { return r.trial(plan, cancel); });
        };
    }
    if (!s.apply) {
        s.apply = [s](const HardeningPlan& plan, const CancelToken& cancel) {
            return withRunner(s, plan, "apply", [&](HardeningRunner& r) { return r.apply(plan, cancel); });
        };
    }
    if (!s.probeTrials && s.endpoint) {
        s.probeTrials = endpointProbeTrials(*s.endpoint, s.databasePath, s.watchSeconds);
    }
    return s;
}

HardeningWizard::HardeningWizard(HardeningWizardServices services, QString objectName, QWidget* parent)
    : QWizard(parent), m_services(withDefaults(std::move(services))), m_objectName(std::move(objectName))
{
    setWindowTitle(tr("Harden %1").arg(m_objectName));
    setObjectName(QStringLiteral("hardeningWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    resize(900, 650);
    buildPages();

    connect(&m_loadWatcher, &QFutureWatcher<Result<HardeningPlan>>::finished, this, [this] {
        auto result = m_loadWatcher.result();
        setBusy(false, {});
        if (!result) {
            m_overview->setText(tr("The plan could not be made: %1").arg(qs(result.error().message)));
            emit loadFailed(qs(result.error().message));
            return;
        }
        setPlan(std::move(result.value()));
        emit planLoaded();
    });
    connect(&m_trialWatcher, &QFutureWatcher<Result<WatchReport>>::finished, this, [this] {
        auto result = m_trialWatcher.result();
        setBusy(false, {});
        if (!result) {
            m_trialResult->setText(tr("The trial could not run: %1").arg(qs(result.error().message)));
        } else {
            m_trial = result.value();
            if (m_cancel.isCancelled()) {
                m_trialResult->setText(
                    tr("Trial cancelled: its container was removed; nothing existing was touched."));
            } else {
                m_trialResult->setText((m_trial->stayedUp ? tr("Trial passed: ") : tr("Trial failed: ")) +
                                       qs(m_trial->summary));
            }
            m_trialLog->setPlainText(qs(m_trial->logTail));
        }
        emit trialFinished();
    });
    connect(&m_applyWatcher, &QFutureWatcher<Result<ApplyOutcome>>::finished, this, [this] {
        auto result = m_applyWatcher.result();
        setBusy(false, {});
        if (!result) {
            m_applyResult->setText(tr("The apply failed and needs you: %1").arg(qs(result.error().message)));
        } else {
            m_applied = result.value();
            if (m_applied->interrupted) {
                m_applyResult->setText(
                    m_applied->rolledBack
                        ? tr("Cancelled and rolled back: %1 runs as before.").arg(m_objectName)
                        : tr("Cancelled before anything was changed."));
            } else if (m_applied->applied && m_applied->live) {
                m_applyResult->setText(
                    tr("Applied live: %1 keeps running, the same container. %2 %3")
                        .arg(m_objectName, qs(m_applied->watch.summary), qs(join(m_applied->notes, " "))));
            } else if (m_applied->applied) {
                m_applyResult->setText(
                    tr("Applied. %1 The original is kept, stopped, as %2; remove it with "
                       "`drydock harden %3 --remove-backup` once you are satisfied.")
                        .arg(qs(m_applied->watch.summary), qs(m_applied->backupName), m_objectName));
            } else {
                m_applyResult->setText(
                    tr("Rolled back: %1 runs as before. %2").arg(m_objectName, qs(m_applied->watch.summary)));
            }
        }
        emit applyFinished();
    });
}

HardeningWizard::~HardeningWizard()
{
    // A worker still talking to the daemon finishes first (a trial or apply undoing what it did); it owns no
    // widget.
    m_cancel.cancel();
    m_loadWatcher.waitForFinished();
    m_trialWatcher.waitForFinished();
    m_applyWatcher.waitForFinished();
}

bool HardeningWizard::isBusy() const
{
    return m_loadWatcher.isRunning() || m_trialWatcher.isRunning() || m_applyWatcher.isRunning() ||
           isProbing();
}

void HardeningWizard::setBusy(bool busy, const QString& text)
{
    m_progress->setVisible(busy && !isProbing()); // a probe shows its own progress
    m_status->setText(text);
    m_trialButton->setEnabled(!busy);
    m_applyButton->setEnabled(!busy);
    m_probe->setStartEnabled(!busy && m_plan.isContainer() && m_plan.running);
    button(QWizard::BackButton)->setEnabled(!busy);
    button(QWizard::NextButton)->setEnabled(!busy);
    // During a trial, an apply or a probe, Cancel stops it and undoes what it changed.
    const bool changing = m_trialWatcher.isRunning() || m_applyWatcher.isRunning() || isProbing();
    button(QWizard::CancelButton)->setEnabled(!busy || changing);
}

void HardeningWizard::reject()
{
    if (isProbing()) {
        m_probe->cancel(); // the panel says how it ended; the next Cancel closes
        return;
    }
    if (m_trialWatcher.isRunning() || m_applyWatcher.isRunning()) {
        if (!m_cancel.isCancelled()) {
            m_cancel.cancel();
            button(QWizard::CancelButton)->setEnabled(false);
            m_status->setText(tr("Cancelling: undoing what was changed…"));
        }
        return; // the finished handler says how it ended; the next Cancel closes
    }
    QWizard::reject();
}

void HardeningWizard::buildPages()
{
    auto* overview = new WizardPage([this] {
        for (int id = ImageAreaPage; id <= SecretsAreaPage; ++id) {
            if (!m_plan.changesIn(areaOfPage(id)).empty()) {
                return id;
            }
        }
        return static_cast<int>(PreviewPage);
    });
    overview->setTitle(tr("What an attacker could do today"));
    auto* ol = new QVBoxLayout(overview);
    m_overview = new QLabel(tr("Reading %1…").arg(m_objectName), overview);
    m_overview->setObjectName(QStringLiteral("overviewText"));
    m_overview->setWordWrap(true);
    m_overview->setTextFormat(Qt::RichText);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_progress = new QProgressBar(overview);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_status = new QLabel(overview);
    auto* scroll = new QScrollArea(overview);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_overview);
    ol->addWidget(scroll);
    ol->addWidget(m_progress);
    ol->addWidget(m_status);
    ol->addWidget(makeProbePanel(overview));
    setPage(OverviewPage, overview);

    for (int id = ImageAreaPage; id <= SecretsAreaPage; ++id) {
        auto* page = new WizardPage([this, id] {
            for (int next = id + 1; next <= SecretsAreaPage; ++next) {
                if (!m_plan.changesIn(areaOfPage(next)).empty()) {
                    return next;
                }
            }
            return static_cast<int>(PreviewPage);
        });
        page->setTitle(tr("%1: proposed changes").arg(QString::fromUtf8(displayName(areaOfPage(id)))));
        page->setSubTitle(tr("Each change with why, what it could break, and your choice."));
        auto* layout = new QVBoxLayout(page);
        auto* note = new QLabel(page);
        note->setObjectName(QStringLiteral("probeNote"));
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("font-weight: 600;"));
        note->setVisible(false);
        layout->addWidget(note);
        m_areaProbeNotes.push_back(note);
        auto* area = new QScrollArea(page);
        area->setWidgetResizable(true);
        auto* body = new QWidget(area);
        new QVBoxLayout(body);
        area->setWidget(body);
        layout->addWidget(area);
        m_areaBodies.push_back(body);
        setPage(id, page);
    }

    auto* preview = new WizardPage({});
    preview->setTitle(tr("Preview"));
    preview->setSubTitle(
        tr("The docker run command before and after, the compose snippet and the Dockerfile changes."));
    auto* pl = new QVBoxLayout(preview);
    auto* tabs = new QTabWidget(preview);
    m_diff = new CommandView(tabs);
    m_diff->setObjectName(QStringLiteral("previewDiff"));
    m_after = new CommandView(tabs);
    m_compose = new CommandView(tabs);
    m_dockerfile = new CommandView(tabs);
    tabs->addTab(m_diff, tr("Diff"));
    tabs->addTab(m_after, tr("Hardened command"));
    tabs->addTab(m_compose, tr("Compose"));
    tabs->addTab(m_dockerfile, tr("Dockerfile"));
    m_composeFile = new CommandView(tabs);
    m_composeFile->setObjectName(QStringLiteral("previewComposeFile"));
    m_composeFileTab = tabs->addTab(m_composeFile, tr("Compose file"));
    tabs->setTabToolTip(m_composeFileTab,
                        tr("docker compose created this container: the same changes made to its "
                           "service in its compose file, which the next compose up reads"));
    tabs->setTabVisible(m_composeFileTab, false);
    m_previewTabs = tabs;
    pl->addWidget(tabs);
    m_manual = new QLabel(preview);
    m_manual->setWordWrap(true);
    pl->addWidget(m_manual);
    auto* exports = new QHBoxLayout;
    auto* script = new QPushButton(tr("Export as shell script…"), preview);
    script->setObjectName(QStringLiteral("exportScript"));
    auto* markdown = new QPushButton(tr("Export as Markdown…"), preview);
    markdown->setObjectName(QStringLiteral("exportMarkdown"));
    connect(script, &QPushButton::clicked, this, [this] { exportPlan(QStringLiteral("script")); });
    connect(markdown, &QPushButton::clicked, this, [this] { exportPlan(QStringLiteral("markdown")); });
    exports->addWidget(script);
    exports->addWidget(markdown);
    exports->addStretch();
    pl->addLayout(exports);
    setPage(PreviewPage, preview);

    auto* trial = new WizardPage({});
    trial->setTitle(tr("Trial (optional)"));
    trial->setSubTitle(
        tr("Runs the hardened container beside the original under a temporary name, without published "
           "ports and with volumes read-only, watches it, then removes it. Nothing existing is touched."));
    auto* tl = new QVBoxLayout(trial);
    m_trialButton = new QPushButton(tr("Run the trial"), trial);
    m_trialButton->setObjectName(QStringLiteral("trialButton"));
    connect(m_trialButton, &QPushButton::clicked, this, &HardeningWizard::runTrial);
    m_trialResult = new QLabel(trial);
    m_trialResult->setObjectName(QStringLiteral("trialResult"));
    m_trialResult->setWordWrap(true);
    m_trialLog = new QPlainTextEdit(trial);
    m_trialLog->setReadOnly(true);
    tl->addWidget(m_trialButton, 0, Qt::AlignLeft);
    tl->addWidget(m_trialResult);
    tl->addWidget(m_trialLog);
    setPage(TrialPage, trial);

    auto* apply = new WizardPage([] { return -1; });
    apply->setTitle(tr("Apply"));
    apply->setSubTitle(
        tr("Stops the container, keeps it as a backup, starts the hardened one under the same name with "
           "the same volumes and networks, and rolls back automatically if it does not stay up. "
           "Volumes are never removed."));
    auto* al = new QVBoxLayout(apply);
    m_applyButton = new QPushButton(tr("Apply…"), apply);
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    connect(m_applyButton, &QPushButton::clicked, this, &HardeningWizard::runApply);
    m_applyResult = new QLabel(apply);
    m_applyResult->setObjectName(QStringLiteral("applyResult"));
    m_applyResult->setWordWrap(true);
    al->addWidget(m_applyButton, 0, Qt::AlignLeft);
    al->addWidget(m_applyResult);
    al->addStretch();
    setPage(ApplyPage, apply);
    setStartId(OverviewPage);
}

void HardeningWizard::loadPlan()
{
    setBusy(true, tr("Scanning and planning…"));
    const auto load = m_services.load;
    const std::string object = m_objectName.toStdString();
    m_loadWatcher.setFuture(QtConcurrent::run(&m_pool, [load, object] { return load(object); }));
}

void HardeningWizard::setPlan(HardeningPlan plan)
{
    m_plan = std::move(plan);
    showPlan();
}

void HardeningWizard::showPlan()
{
    QString html =
        tr("<p><b>%1</b> %2</p>")
            .arg(QString::fromUtf8(toString(m_plan.object.type)),
                 m_plan.object.name.empty() ? m_objectName : qs(m_plan.object.name).toHtmlEscaped());
    if (m_plan.overview.empty()) {
        html += tr("<p>No open findings in the five areas: nothing to harden.</p>");
    } else {
        html += tr("<p>What an attacker who gets into it can do today, from its own findings (most severe "
                   "first):</p>");
    }
    for (const auto& o : m_plan.overview) {
        html += QStringLiteral("<h3>%1</h3><p>%2</p><ul>")
                    .arg(QString::fromUtf8(displayName(o.area)), qs(o.attackerToday).toHtmlEscaped());
        for (const auto& f : o.findings) {
            html += QStringLiteral("<li>%1</li>").arg(qs(f).toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    m_overview->setText(html);

    for (int id = ImageAreaPage; id <= SecretsAreaPage; ++id) {
        QWidget* body = m_areaBodies[static_cast<std::size_t>(id - ImageAreaPage)];
        auto* layout = static_cast<QVBoxLayout*>(body->layout());
        while (QLayoutItem* item = layout->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        for (const HardeningChange* c : m_plan.changesIn(areaOfPage(id))) {
            auto* box = new QGroupBox(qs(c->id + ": " + c->title), body);
            auto* form = new QFormLayout(box);
            auto* why = new QLabel(qs(c->reason), box);
            why->setWordWrap(true);
            auto* risk = new QLabel(qs(c->risk), box);
            risk->setWordWrap(true);
            form->addRow(tr("Why"), why);
            form->addRow(tr("Could break"), risk);
            addTrialVerdictRow(form, *c);
            auto* choice = new QComboBox(box);
            choice->setObjectName(qs("choice:" + c->id));
            choice->addItem(c->automatic ? tr("Apply") : tr("Apply (by hand / in the Dockerfile)"),
                            int(ChangeChoice::Apply));
            choice->addItem(tr("Skip"), int(ChangeChoice::Skip));
            choice->addItem(tr("Waive with a reason"), int(ChangeChoice::Waive));
            choice->setCurrentIndex(choice->findData(int(c->choice)));
            auto* reason = new QLineEdit(qs(c->waiveReason), box);
            reason->setObjectName(qs("reason:" + c->id));
            reason->setPlaceholderText(tr("Why this risk is accepted"));
            reason->setVisible(c->choice == ChangeChoice::Waive);
            form->addRow(tr("Choice"), choice);
            form->addRow(QString(), reason);
            const std::string changeId = c->id;
            connect(choice, &QComboBox::currentIndexChanged, this, [this, changeId, choice, reason] {
                const auto value = static_cast<ChangeChoice>(choice->currentData().toInt());
                reason->setVisible(value == ChangeChoice::Waive);
                setChoice(changeId, value, reason->text());
            });
            connect(reason, &QLineEdit::textChanged, this, [this, changeId, choice](const QString& text) {
                setChoice(changeId, static_cast<ChangeChoice>(choice->currentData().toInt()), text);
            });
            layout->addWidget(box);
        }
        layout->addStretch();
    }
    const bool container = m_plan.isContainer();
    m_trialButton->setEnabled(container);
    m_applyButton->setEnabled(container);
    // A stopped container has no behaviour to compare trials with.
    m_probe->setVisible(container && m_plan.running);
    m_probe->setStartEnabled(container && m_plan.running && !isBusy());
    if (!container) {
        m_trialResult->setText(tr("An image is hardened in its Dockerfile: export the changes and rebuild."));
        m_applyResult->setText(m_trialResult->text());
    }
    refreshPreview();
}

void HardeningWizard::setChoice(const std::string& changeId, ChangeChoice choice, const QString& waiveReason)
{
    if (HardeningChange* c = m_plan.find(changeId)) {
        c->choice = choice;
        c->waiveReason = waiveReason.toStdString();
        refreshPreview();
    }
}

void HardeningWizard::refreshPreview()
{
    const HardeningPreview p = makePreview(m_plan);
    m_diff->setText(qs(p.diff));
    m_after->setText(qs(p.afterCommand));
    m_compose->setText(qs(p.compose));
    m_dockerfile->setText(qs(p.dockerfile));
    // A container docker compose made: its service's file gets the chosen changes too (read only when the
    // daemon runs here), read and patched on a worker — a large compose file takes a while; only the newest
    // choice's result is shown.
    m_plan.composeFile.reset();
    m_previewTabs->setTabVisible(m_composeFileTab, m_plan.composeOrigin.has_value());
    if (m_plan.composeOrigin) {
        m_composeFile->setText(tr("Reading the compose file…"));
        const bool local = m_services.endpoint && m_services.endpoint->kind == DockerEndpoint::Kind::Unix;
        m_composeLoader.load(
            [plan = m_plan, local]() mutable {
                attachComposeFile(plan, composeFileReaderFor(local));
                return plan.composeFile;
            },
            [this](const std::optional<ComposeOriginFix>& fix) {
                m_plan.composeFile = fix;
                showComposeFile();
            });
    }
    QStringList manual;
    for (const auto& s : p.manualSteps) {
        manual << QStringLiteral("• ") + qs(s);
    }
    m_manual->setText(manual.isEmpty() ? QString() : tr("By hand:\n") + manual.join(QLatin1Char('\n')));
}

QString HardeningWizard::previewDiff() const
{
    return m_diff->text();
}

QString HardeningWizard::statusText() const
{
    return m_applyResult->text().isEmpty() ? m_trialResult->text() : m_applyResult->text();
}

void HardeningWizard::showComposeFile()
{
    m_previewTabs->setTabVisible(m_composeFileTab, m_plan.composeFile.has_value());
    if (!m_plan.composeFile) {
        return;
    }
    std::string text;
    for (const auto& n : m_plan.composeFile->notes) {
        text += "# " + n + "\n";
    }
    m_composeFile->setText(qs(text + m_plan.composeFile->diff)); // masked where it was made
}

bool HardeningWizard::exportPlan(const QString& format)
{
    const bool script = format == QStringLiteral("script");
    const QString path = m_services.savePath(
        this, script ? tr("Export the plan as a shell script") : tr("Export the plan as Markdown"),
        script ? tr("Shell scripts (*.sh)") : tr("Markdown (*.md)"));
    if (path.isEmpty()) {
        return false;
    }
    if (m_composeLoader.busy()) { // the export names the compose file's change: the current choices' one
        m_composeLoader.forget();
        const bool local = m_services.endpoint && m_services.endpoint->kind == DockerEndpoint::Kind::Unix;
        attachComposeFile(m_plan, composeFileReaderFor(local));
        showComposeFile();
    }
    const std::string text = script ? renderPlanScript(m_plan) : renderPlanMarkdown(m_plan);
    // Private (0600, a script 0700) and renamed into place; a symlink at the path is replaced, not followed.
    if (auto written = AtomicFileWriter::write(path.toStdString(), text, script ? 0700 : 0600); !written) {
        m_manual->setText(
            tr("Could not write %1: %2").arg(path, QString::fromStdString(written.error().message)));
        return false;
    }
    return true;
}

void HardeningWizard::runTrial()
{
    if (!m_plan.isContainer() || isBusy()) {
        return;
    }
    m_trialResult->setText(tr("Running the trial container and watching it…"));
    const auto trial = m_services.trial;
    const HardeningPlan plan = m_plan;
    m_cancel = CancelToken();
    m_trialWatcher.setFuture(
        QtConcurrent::run(&m_pool, [trial, plan, cancel = m_cancel] { return trial(plan, cancel); }));
    setBusy(true, tr("Running the trial…"));
}

void HardeningWizard::runApply()
{
    if (!m_plan.isContainer() || isBusy()) {
        return;
    }
    const QString question =
        tr("Apply %n change(s) to %1 now? It will be stopped, kept as a backup, and replaced by the hardened "
           "container under the same name; if that does not stay up, the original comes back.",
           nullptr, static_cast<int>(m_plan.chosenEdits().size()))
            .arg(m_objectName);
    if (!m_services.confirm(this, question)) {
        m_applyResult->setText(tr("Not applied: nothing was changed."));
        return;
    }
    m_applyResult->setText(tr("Applying and watching the hardened container…"));
    const auto apply = m_services.apply;
    const HardeningPlan plan = m_plan;
    m_cancel = CancelToken();
    m_applyWatcher.setFuture(
        QtConcurrent::run(&m_pool, [apply, plan, cancel = m_cancel] { return apply(plan, cancel); }));
    setBusy(true, tr("Applying…"));
}

void HardeningWizard::accept()
{
    const std::string endpoint = m_services.endpoint ? m_services.endpoint->display() : std::string();
    for (const auto& w : planWaivers(m_plan, endpoint, SystemClock().nowUnix())) {
        emit waiverRequested(w);
    }
    QWizard::accept();
}

} // namespace drydock::ui
