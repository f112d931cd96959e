#include "core/hardening/HardeningPlanner.h"
#include "core/json/ModelParser.h"
#include "tests/support/TestSupport.h"
#include "ui/widgets/CommandView.h"
#include "ui/wizard/HardeningWizard.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace drydock;
using namespace drydock::ui;

namespace {

// The recorded webapp container running as root with two runtime findings; with socketMounted, the Docker
// socket mounted too; with a composeFile, created by docker compose from that file (service "webapp").
HardeningPlan recordedPlan(bool socketMounted = false, const QString& composeFile = {})
{
    auto c = json::parseContainer(test::readData(QStringLiteral("api-1.41/container-webapp.json")));
    Container container = c ? c.value() : Container{};
    container.config.user.clear();
    if (!composeFile.isEmpty()) {
        container.config.labels["com.docker.compose.project"] = "shop";
        container.config.labels["com.docker.compose.service"] = "webapp";
        container.config.labels["com.docker.compose.project.config_files"] = composeFile.toStdString();
    }
    const auto finding = [&](const std::string& rule, Area area, std::vector<RunEdit> edits) {
        Finding f;
        f.ruleId = rule;
        f.area = area;
        f.object = {ObjectType::Container, container.id, container.name};
        f.title = rule;
        f.remediation.edits = std::move(edits);
        return f;
    };
    std::vector<Finding> findings{
        finding("CTR-001", Area::Container, {}),
        finding("RUN-006", Area::Runtime, {{RunEdit::Op::AddFlag, "--memory", "512m"}}),
        finding("RUN-009", Area::Runtime, {{RunEdit::Op::AddFlag, "--pids-limit", "256"}})};
    if (socketMounted) {
        findings.push_back(
            finding("CTR-013", Area::Container,
                    {{RunEdit::Op::RemoveValue, "--volume", "/var/run/docker.sock:/var/run/docker.sock"}}));
        findings.back().severity = Severity::Critical;
    }
    return HardeningPlanner().planContainer(container, nullptr, findings, {},
                                            "app:x:10001:10001::/home/app:/bin/sh\n");
}

} // namespace

// The walkthrough offscreen: every page, choices, export, cancel, trial, confirmed apply and rollback.
class TestHardeningWizard : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<std::atomic<int>> m_trials;
    std::shared_ptr<std::atomic<int>> m_applies;
    bool m_confirm = true;
    bool m_rollBack = false;
    // When set, the fake trial and apply run until the wizard cancels them, as the real ones watch.
    bool m_waitForCancel = false;
    std::shared_ptr<std::atomic<bool>> m_sawCancel;
    QString m_savePath;
    bool m_socketMounted = false;
    QString m_composeFile;

    std::unique_ptr<HardeningWizard> makeWizard()
    {
        HardeningWizardServices s;
        auto trials = m_trials;
        auto applies = m_applies;
        const bool rollBack = m_rollBack;
        const bool waitForCancel = m_waitForCancel;
        auto sawCancel = m_sawCancel;
        // Blocks the worker until the token fires (at most 10 s), like the real watch window.
        const auto watchUntilCancelled = [waitForCancel, sawCancel](const CancelToken& cancel) {
            for (int i = 0; waitForCancel && i < 1000 && !cancel.isCancelled(); ++i) {
                QThread::msleep(10);
            }
            *sawCancel = cancel.isCancelled();
        };
        const bool socketMounted = m_socketMounted;
        const QString composeFile = m_composeFile;
        s.load = [socketMounted, composeFile](const std::string&) -> Result<HardeningPlan> {
            return recordedPlan(socketMounted, composeFile);
        };
        if (!composeFile.isEmpty()) {
            DockerEndpoint local; // a unix socket: the daemon runs here, so its compose files are read
            local.kind = DockerEndpoint::Kind::Unix;
            s.endpoint = local;
        }
        s.trial = [trials, watchUntilCancelled](const HardeningPlan&,
                                                const CancelToken& cancel) -> Result<WatchReport> {
            ++*trials;
            watchUntilCancelled(cancel);
            WatchReport r;
            r.stayedUp = true;
            r.summary = "The container stayed up for 5 s.";
            return r;
        };
        s.apply = [applies, rollBack, watchUntilCancelled](
                      const HardeningPlan&, const CancelToken& cancel) -> Result<ApplyOutcome> {
            ++*applies;
            watchUntilCancelled(cancel);
            ApplyOutcome o;
            if (cancel.isCancelled()) {
                o.interrupted = true;
                o.rolledBack = true;
                o.watch.summary = "Watching was cancelled.";
                return o;
            }
            o.applied = !rollBack;
            o.rolledBack = rollBack;
            o.backupName = rollBack ? "" : "webapp-drydock-backup-1";
            o.watch.summary =
                rollBack ? "The container stopped with exit code 3." : "The container stayed up for 5 s.";
            return o;
        };
        s.confirm = [this](QWidget*, const QString&) { return m_confirm; };
        s.savePath = [this](QWidget*, const QString&, const QString&) { return m_savePath; };
        auto wizard = std::make_unique<HardeningWizard>(std::move(s), QStringLiteral("webapp"));
        QSignalSpy loaded(wizard.get(), &HardeningWizard::planLoaded);
        wizard->show();
        wizard->loadPlan();
        if (!loaded.wait(10000)) {
            return nullptr;
        }
        return wizard;
    }

private slots:
    void theFirstPageSaysWhatAnAttackerCanDoWithThisContainersFindings_data()
    {
        QTest::addColumn<bool>("socketMounted");
        QTest::newRow("a container with the Docker socket mounted: control of every container, said first")
            << true;
        QTest::newRow("a container without it: root in the container, no word of the socket") << false;
    }
    void theFirstPageSaysWhatAnAttackerCanDoWithThisContainersFindings()
    {
        QFETCH(bool, socketMounted);
        m_socketMounted = socketMounted;
        auto wizard = makeWizard();
        QVERIFY(wizard);
        auto* overview = wizard->findChild<QLabel*>(QStringLiteral("overviewText"));
        QVERIFY(overview);
        const QString text = overview->text();
        const qsizetype socket =
            text.indexOf(QStringLiteral("anyone in this container controls every container"));
        const qsizetype root = text.indexOf(QStringLiteral("The process runs as root"));
        QVERIFY2(root >= 0, qPrintable(text));
        QCOMPARE(socket >= 0, socketMounted);
        if (socketMounted) {
            QVERIFY(socket < root);
        }
        // The runtime area speaks of its own findings, not of the container area's.
        QCOMPARE(text.count(QStringLiteral("The process runs as root")), 1);
    }

    void init()
    {
        m_trials = std::make_shared<std::atomic<int>>(0);
        m_socketMounted = false;
        m_composeFile.clear();
        m_applies = std::make_shared<std::atomic<int>>(0);
        m_confirm = true;
        m_rollBack = false;
        m_waitForCancel = false;
        m_sawCancel = std::make_shared<std::atomic<bool>>(false);
    }

    void everyPageInOrderSkippingEmptyAreas()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QList<int> visited{w->currentId()};
        while (w->currentId() != HardeningWizard::ApplyPage && visited.size() < 20) {
            w->next();
            visited << w->currentId();
        }
        const QList<int> expected{HardeningWizard::OverviewPage,    HardeningWizard::ContainerAreaPage,
                                  HardeningWizard::RuntimeAreaPage, HardeningWizard::PreviewPage,
                                  HardeningWizard::TrialPage,       HardeningWizard::ApplyPage};
        QCOMPARE(visited, expected);
    }

    void aChoiceChangesThePreview()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QVERIFY(w->previewDiff().contains(QStringLiteral("+ --memory 512m")));
        auto* combo = w->findChild<QComboBox*>(QStringLiteral("choice:RUN-006"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(int(ChangeChoice::Skip)));
        QVERIFY(!w->previewDiff().contains(QStringLiteral("+ --memory 512m")));
        QCOMPARE(w->plan().find("RUN-006")->choice, ChangeChoice::Skip);
        QVERIFY(w->previewDiff().contains(QStringLiteral("+ --pids-limit 256")));
    }

    // A container docker compose made: the preview also shows the chosen changes in its compose file.
    void aComposeContainersPreviewShowsItsComposeFile()
    {
        QTemporaryDir dir;
        m_composeFile = dir.filePath(QStringLiteral("compose.yaml"));
        QFile f(m_composeFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("services:\n  webapp:\n    image: shop/webapp:1.2  # pinned\n");
        f.close();
        auto w = makeWizard();
        QVERIFY(w);
        auto* view = w->findChild<CommandView*>(QStringLiteral("previewComposeFile"));
        QVERIFY(view);
        // Read and patched on a worker: the preview fills in when that is done.
        QTRY_VERIFY2(view->text().contains(QStringLiteral("+    mem_limit: 512m")), qPrintable(view->text()));
        QVERIFY(view->text().contains(QStringLiteral("docker compose up")));
        auto* combo = w->findChild<QComboBox*>(QStringLiteral("choice:RUN-006"));
        combo->setCurrentIndex(combo->findData(int(ChangeChoice::Skip)));
        QTRY_VERIFY(view->text().contains(QStringLiteral("docker compose up")));
        QVERIFY(!view->text().contains(QStringLiteral("mem_limit")));
        QCOMPARE(f.size(), qint64(57)); // the file itself is never written by the preview
    }

    void exportWritesTheScriptAndTheMarkdown()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QTemporaryDir dir;
        m_savePath = dir.filePath(QStringLiteral("plan.sh"));
        QVERIFY(w->exportPlan(QStringLiteral("script")));
        QFile script(m_savePath);
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        QVERIFY(text.startsWith(QStringLiteral("#!/bin/sh")));
        QVERIFY(text.contains(QStringLiteral("rollback")));
        QVERIFY(!text.contains(QStringLiteral("hunter2")));
        m_savePath = dir.filePath(QStringLiteral("plan.md"));
        QVERIFY(w->exportPlan(QStringLiteral("markdown")));
        m_savePath.clear();
        QVERIFY(!w->exportPlan(QStringLiteral("markdown"))); // the person cancelled the file dialog
    }

    void cancelAtAnyPageChangesNothing_data()
    {
        QTest::addColumn<int>("steps");
        QTest::newRow("cancel on the overview") << 0;
        QTest::newRow("cancel on the first area") << 1;
        QTest::newRow("cancel on the second area") << 2;
        QTest::newRow("cancel on the preview") << 3;
        QTest::newRow("cancel on the trial page") << 4;
        QTest::newRow("cancel on the apply page") << 5;
    }

    void cancelAtAnyPageChangesNothing()
    {
        QFETCH(int, steps);
        auto w = makeWizard();
        QVERIFY(w);
        for (int i = 0; i < steps; ++i) {
            w->next();
        }
        w->button(QWizard::CancelButton)->click();
        QVERIFY(!w->isVisible());
        QCOMPARE(m_trials->load(), 0);
        QCOMPARE(m_applies->load(), 0);
    }

    void aWaivedChangeBecomesAWaiverOnFinish()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy waivers(w.get(), &HardeningWizard::waiverRequested);
        auto* combo = w->findChild<QComboBox*>(QStringLiteral("choice:RUN-009"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(int(ChangeChoice::Waive)));
        auto* reason = w->findChild<QLineEdit*>(QStringLiteral("reason:RUN-009"));
        QVERIFY(reason);
        QTest::keyClicks(reason, QStringLiteral("forks by design"));
        w->accept();
        QCOMPARE(waivers.size(), 1);
        const auto waiver = waivers.at(0).at(0).value<Waiver>();
        QCOMPARE(waiver.ruleId, std::string("RUN-009"));
        QCOMPARE(waiver.reason, std::string("forks by design"));
        QCOMPARE(m_applies->load(), 0);
    }

    void theTrialShowsItsResult()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy done(w.get(), &HardeningWizard::trialFinished);
        w->runTrial();
        QVERIFY(done.wait(10000));
        QCOMPARE(m_trials->load(), 1);
        QVERIFY(w->statusText().startsWith(QStringLiteral("Trial passed")));
    }

    void applyWaitsForConfirmation()
    {
        m_confirm = false;
        auto w = makeWizard();
        QVERIFY(w);
        w->runApply();
        QTest::qWait(100);
        QCOMPARE(m_applies->load(), 0);
        QVERIFY(w->statusText().contains(QStringLiteral("nothing was changed")));
    }

    void anAppliedPlanNamesTheBackup()
    {
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy done(w.get(), &HardeningWizard::applyFinished);
        w->runApply();
        QVERIFY(done.wait(10000));
        QCOMPARE(m_applies->load(), 1);
        QVERIFY(w->statusText().contains(QStringLiteral("webapp-drydock-backup-1")));
    }

    void aRollbackSaysTheOriginalRunsAsBefore()
    {
        m_rollBack = true;
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy done(w.get(), &HardeningWizard::applyFinished);
        w->runApply();
        QVERIFY(done.wait(10000));
        QVERIFY(w->statusText().startsWith(QStringLiteral("Rolled back")));
        QVERIFY(w->statusText().contains(QStringLiteral("exit code 3")));
    }

    void cancelDuringTheApplyRollsBackAndSaysSo()
    {
        m_waitForCancel = true;
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy done(w.get(), &HardeningWizard::applyFinished);
        w->runApply();
        QTRY_VERIFY(m_applies->load() == 1);
        QVERIFY(w->isBusy());
        QVERIFY(w->button(QWizard::CancelButton)->isEnabled());
        w->button(QWizard::CancelButton)->click();
        // The wizard stays until the rollback is done, then says how it ended.
        QVERIFY(w->isVisible());
        QVERIFY(done.wait(10000));
        QVERIFY(m_sawCancel->load());
        QVERIFY(w->isVisible());
        QVERIFY2(w->statusText().contains(QStringLiteral("rolled back")), qPrintable(w->statusText()));
        // Now nothing runs: Cancel closes.
        w->button(QWizard::CancelButton)->click();
        QVERIFY(!w->isVisible());
    }

    void closingTheWindowDuringTheTrialRemovesItsContainer()
    {
        m_waitForCancel = true;
        auto w = makeWizard();
        QVERIFY(w);
        QSignalSpy done(w.get(), &HardeningWizard::trialFinished);
        w->runTrial();
        QTRY_VERIFY(m_trials->load() == 1);
        w->close();
        QVERIFY(done.wait(10000));
        QVERIFY(m_sawCancel->load());
        QVERIFY(w->statusText().contains(QStringLiteral("cancelled")));
    }
};

QTEST_MAIN(TestHardeningWizard)
#include "TestHardeningWizard.moc"
