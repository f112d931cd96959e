#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"
#include "core/json/ModelParser.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleRegistry.h"
#include "tests/support/TestSupport.h"
#include "ui/wizard/HardeningWizard.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <set>

using namespace drydock;
using namespace drydock::ui;

namespace {

// The recorded webapp container, running as root with SYS_ADMIN added and the default capabilities kept: a
// process that changes file ownership at start (chown needs root and CHOWN).
HardeningPlan chownerPlan()
{
    auto parsed = json::parseContainer(test::readData(QStringLiteral("api-1.41/container-webapp.json")));
    Container c = parsed ? parsed.value() : Container{};
    c.config.user.clear();
    c.hostConfig.capAdd = {"SYS_ADMIN"};
    c.hostConfig.capDrop.clear();
    RuleCatalogue catalogue;
    addRegisteredRules(catalogue, "container");
    addRegisteredRules(catalogue, "runtime");
    const auto finding = [&](const std::string& rule, Area area, std::vector<RunEdit> edits,
                             const std::string& evidence, const std::string& discriminator = {}) {
        Finding f;
        f.ruleId = rule;
        f.area = area;
        f.severity = Severity::High;
        f.object = {ObjectType::Container, c.id, c.name};
        // The catalogue's own words, as a scan would give them.
        const Rule* r = catalogue.find(rule);
        f.title = r != nullptr ? r->info().title : rule;
        f.rationale = r != nullptr ? r->info().rationale : std::string();
        f.evidence = evidence;
        f.discriminator = discriminator;
        f.remediation.edits = std::move(edits);
        return f;
    };
    return HardeningPlanner().planContainer(
        c, nullptr,
        {finding("CTR-001", Area::Container, {}, "Config.User is empty: the process runs as root"),
         finding("CTR-003", Area::Container,
                 {{RunEdit::Op::RemoveValue, "--cap-add", "SYS_ADMIN"},
                  {RunEdit::Op::AddFlag, "--cap-drop", "ALL"}},
                 "HostConfig.CapAdd contains CAP_SYS_ADMIN", "CAP_SYS_ADMIN"),
         finding("CTR-004", Area::Container, {{RunEdit::Op::AddFlag, "--cap-drop", "ALL"}},
                 "HostConfig.CapDrop = [] lacks ALL (NET_RAW kept)"),
         finding("RUN-006", Area::Runtime, {{RunEdit::Op::AddFlag, "--memory", "512m"}},
                 "HostConfig.Memory = 0")},
        {}, "app:x:10001:10001::/home/app:/bin/sh\n");
}

std::string capability(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::toupper(ch); });
    return name.rfind("CAP_", 0) == 0 ? name.substr(4) : name;
}

// Whether the chowner still works with these edits on top of its configuration: it needs root and CHOWN.
bool chownWorks(const std::vector<RunEdit>& edits)
{
    std::set<std::string> caps{"CHOWN",   "DAC_OVERRIDE", "FSETID",           "FOWNER",
                               "MKNOD",   "NET_RAW",      "SETGID",           "SETUID",
                               "SETFCAP", "SETPCAP",      "NET_BIND_SERVICE", "SYS_CHROOT",
                               "KILL",    "AUDIT_WRITE",  "SYS_ADMIN"};
    bool root = true;
    for (const auto& e : edits) {
        const std::string value = capability(e.value);
        if (e.flag == "--user" && e.op != RunEdit::Op::RemoveValue && e.op != RunEdit::Op::RemoveFlag) {
            root = e.value == "0" || e.value.rfind("0:", 0) == 0 || e.value == "root";
        } else if (e.flag == "--cap-drop" && e.op == RunEdit::Op::AddFlag) {
            if (value == "ALL") {
                caps.clear();
            } else {
                caps.erase(value);
            }
        } else if (e.flag == "--cap-add" && e.op == RunEdit::Op::RemoveValue) {
            caps.erase(value);
        } else if (e.flag == "--cap-add" && e.op == RunEdit::Op::AddFlag) {
            caps.insert(value);
        }
    }
    return root && caps.count("CHOWN") > 0;
}

// How the fake daemon's trials behave.
enum class Fake
{
    NeedsChown,      // the chowner above: stays up and serves port 80 unless it lost root or CHOWN
    BaselineFails,   // even the unchanged configuration exits at once
    DaemonGoneLater, // the baseline runs, then the daemon stops answering
    Slow,            // every trial watches until cancelled (at most 10 s)
    SlowAfterFirst   // the chowner whose first batch comes back, and every later one watches until cancelled
};

// The fake trial runner and what it saw, shared with the worker thread.
struct FakeTrials
{
    Fake kind = Fake::NeedsChown;
    std::atomic<int> calls{0};
    std::atomic<int> alive{0}; // trial containers "running" right now
    std::atomic<bool> onGuiThread{false};
    std::atomic<bool> inside{false}; // a call is in progress

    Result<std::vector<TrialObservation>> run(const std::vector<TrialSpec>& specs, const CancelToken& cancel)
    {
        onGuiThread = onGuiThread || QThread::currentThread() == qApp->thread();
        const int call = ++calls;
        if (kind == Fake::DaemonGoneLater && call > 1) {
            return Error::make(
                ErrorCode::DaemonUnreachable,
                "Cannot connect to the Docker daemon at unix:///run/docker.sock — is it running?");
        }
        alive += static_cast<int>(specs.size());
        inside = true;
        // Watches like a real batch: a short window, or until cancelled for the slow one.
        const bool slow = kind == Fake::Slow || (kind == Fake::SlowAfterFirst && call > 1);
        // For the README picture a batch takes a second or two, as on a daemon with a short watch window.
        const int window = slow ? 1000 : qEnvironmentVariableIsSet("DRYDOCK_SCREENSHOT") ? 150 : 5;
        for (int i = 0; i < window && !cancel.isCancelled(); ++i) {
            QThread::msleep(10);
        }
        inside = false;
        alive -= static_cast<int>(specs.size()); // removed, also on cancel
        if (cancel.isCancelled()) {
            return Error::make(ErrorCode::Cancelled,
                               "The trials were cancelled; their containers were removed.");
        }
        std::vector<TrialObservation> out;
        for (const auto& spec : specs) {
            TrialObservation o;
            o.label = spec.label;
            o.started = true;
            o.watchedSeconds = 5;
            const bool works = kind != Fake::BaselineFails && kind != Fake::Slow && chownWorks(spec.edits);
            o.running = works;
            o.state = works ? "running" : "exited";
            o.exitCode = works ? 0 : 1;
            o.listeningPorts = works ? std::set<int>{80} : std::set<int>{};
            if (!works) {
                o.permissionErrors = {"chown: /data: Operation not permitted"};
                o.logTail = "chown: /data: Operation not permitted\n";
            }
            out.push_back(std::move(o));
        }
        return out;
    }
};

QString verdictOf(const HardeningChange& c)
{
    return QStringLiteral("%1 %2 %3")
        .arg(QString::fromStdString(c.id), QString::fromLatin1(toString(c.choice)))
        .arg(static_cast<int>(c.trial));
}

} // namespace

// "Find what it tolerates" offscreen, on a fake daemon: the probe runs on a worker with progress and Cancel,
// and its verdicts become the plan's choices with their evidence.
class TestHardeningWizardProbe : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<FakeTrials> m_fake;

    std::unique_ptr<HardeningWizard> makeWizard(Fake kind)
    {
        m_fake = std::make_shared<FakeTrials>();
        m_fake->kind = kind;
        HardeningWizardServices s;
        s.load = [](const std::string&) -> Result<HardeningPlan> { return chownerPlan(); };
        auto fake = m_fake;
        s.probeTrials = [fake](const HardeningPlan&) -> Result<ProbeTrials> {
            return ProbeTrials{[fake](const std::vector<TrialSpec>& specs, const CancelToken& cancel) {
                                   return fake->run(specs, cancel);
                               },
                               {}};
        };
        auto wizard = std::make_unique<HardeningWizard>(std::move(s), QStringLiteral("webapp"));
        QSignalSpy loaded(wizard.get(), &HardeningWizard::planLoaded);
        wizard->show();
        wizard->loadPlan();
        if (!loaded.wait(10000)) {
            return nullptr;
        }
        return wizard;
    }

    // What the probe decides for the chowner, run here directly on the same fake: the plan the wizard must
    // show.
    static HardeningPlan expectedPlan()
    {
        auto fake = std::make_shared<FakeTrials>();
        LeastPrivilegeProbe probe([fake](const std::vector<TrialSpec>& specs, const CancelToken& cancel) {
            return fake->run(specs, cancel);
        });
        HardeningPlan plan = chownerPlan();
        auto result = probe.probe(plan, CancelToken());
        if (result) {
            applyProbeResult(plan, result.value());
        }
        return plan;
    }

    static QPushButton* probeButton(HardeningWizard& w)
    {
        return w.findChild<QPushButton*>(QStringLiteral("probeButton"));
    }

    static QStringList choices(const HardeningPlan& plan)
    {
        QStringList out;
        for (const auto& c : plan.changes) {
            out << verdictOf(c);
        }
        return out;
    }

    // For the README (tests/support/screenshot-harden-probe.sh): the Container page after the probe.
    static void saveScreenshot(HardeningWizard& wizard)
    {
        const QString path = qEnvironmentVariable("DRYDOCK_SCREENSHOT");
        if (path.isEmpty()) {
            return;
        }
        wizard.resize(1000, 720);
        while (wizard.currentId() != HardeningWizard::ContainerAreaPage && wizard.currentId() != -1 &&
               wizard.currentId() < HardeningWizard::PreviewPage) {
            wizard.next();
        }
        QTest::qWait(500);
        QVERIFY(wizard.grab().save(path));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theButtonSaysWhatItDoesAndIsReachedByKeyboard()
    {
        auto wizard = makeWizard(Fake::NeedsChown);
        QVERIFY(wizard);
        QPushButton* button = probeButton(*wizard);
        QVERIFY(button != nullptr);
        QVERIFY(button->isVisible());
        QVERIFY(button->isEnabled());
        QVERIFY(button->toolTip().contains(QStringLiteral("Nothing existing is touched")));
        QVERIFY(button->toolTip().contains(QStringLiteral("beside the original")));
        QVERIFY(QTest::qWaitForWindowActive(wizard.get()));
        QSignalSpy finished(wizard.get(), &HardeningWizard::probeFinished);
        QTest::keyClick(wizard.get(), Qt::Key_T, Qt::AltModifier);
        QVERIFY(finished.wait(20000));
        QVERIFY(m_fake->calls > 0);
    }

    void theButtonIsOfferedForRunningContainersOnly_data()
    {
        QTest::addColumn<bool>("running");
        QTest::newRow("a running container can be compared with its trials") << true;
        QTest::newRow("a stopped container has no behaviour to compare with: no button") << false;
    }
    void theButtonIsOfferedForRunningContainersOnly()
    {
        QFETCH(bool, running);
        auto wizard = makeWizard(Fake::NeedsChown);
        QVERIFY(wizard);
        HardeningPlan plan = chownerPlan();
        plan.running = running;
        wizard->setPlan(plan);
        QCOMPARE(probeButton(*wizard)->isVisible(), running);
        wizard->runProbe();
        QCOMPARE(wizard->isProbing(), running);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->isProbing(), 20000);
    }

    void eachChangeShowsItsVerdictAndEvidenceAndTheChoicesFollowIt()
    {
        auto wizard = makeWizard(Fake::NeedsChown);
        QVERIFY(wizard);
        const HardeningPlan expected = expectedPlan();
        QVERIFY(choices(expected) != choices(wizard->plan())); // the probe changes something
        const QString diffBefore = wizard->previewDiff();
        auto* bar = wizard->findChild<QProgressBar*>(QStringLiteral("probeProgress"));
        QVERIFY(bar != nullptr);
        // Sampled on the GUI thread while the worker runs: the bar moves and says which trial runs.
        QList<int> values;
        QStringList texts;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] {
            if (bar->isVisible()) {
                values << bar->value();
                texts << bar->format();
            }
        });
        sampler.start(5);
        QSignalSpy finished(wizard.get(), &HardeningWizard::probeFinished);
        QTest::mouseClick(probeButton(*wizard), Qt::LeftButton);
        QVERIFY(wizard->isProbing());
        QVERIFY(finished.wait(20000));
        sampler.stop();
        QVERIFY(!m_fake->onGuiThread);
        QVERIFY2(values.size() > 3, "the GUI thread kept running while the trials ran");
        QVERIFY(std::is_sorted(values.begin(), values.end()));
        QVERIFY(std::set<int>(values.begin(), values.end()).size() >= 2);
        const QRegularExpression trialText(QStringLiteral("^trial \\d+ of \\d+: .+"));
        QVERIFY2(std::any_of(texts.begin(), texts.end(),
                             [&](const QString& t) { return trialText.match(t).hasMatch(); }),
                 qPrintable(texts.join(QStringLiteral(" | "))));
        QVERIFY(!bar->isVisible());

        QCOMPARE(choices(wizard->plan()), choices(expected));
        for (const auto& c : wizard->plan().changes) {
            auto* combo = wizard->findChild<QComboBox*>(QString::fromStdString("choice:" + c.id));
            QVERIFY(combo != nullptr);
            QCOMPARE(static_cast<ChangeChoice>(combo->currentData().toInt()), c.choice);
            if (c.trial == TrialVerdict::NotTried) {
                continue;
            }
            auto* badge = wizard->findChild<QLabel*>(QString::fromStdString("verdict:" + c.id));
            auto* evidence = wizard->findChild<QLabel*>(QString::fromStdString("evidence:" + c.id));
            QVERIFY(badge != nullptr && evidence != nullptr);
            QCOMPARE(badge->text(), c.trial == TrialVerdict::Tolerated
                                        ? QStringLiteral("apply (verified by trial)")
                                        : QStringLiteral("skip: the trial broke it"));
            QCOMPARE(evidence->text(), QString::fromStdString(c.trialEvidence));
            QCOMPARE(badge->toolTip(), evidence->text());
        }
        // Root is what the chowner needs: the non-root change stays skip, with the log line as its evidence.
        const HardeningChange* user = wizard->plan().find("CTR-001");
        QVERIFY(user != nullptr);
        QCOMPARE(user->trial, TrialVerdict::Broke);
        QCOMPARE(user->choice, ChangeChoice::Skip);
        QVERIFY(wizard->findChild<QLabel*>(QStringLiteral("evidence:CTR-001"))
                    ->text()
                    .contains(QStringLiteral("Operation not permitted")));
        // Dropping SYS_ADMIN behaved like the original: apply, verified.
        const HardeningChange* sysAdmin = wizard->plan().find("CTR-003:CAP_SYS_ADMIN");
        QVERIFY(sysAdmin != nullptr);
        QCOMPARE(sysAdmin->trial, TrialVerdict::Tolerated);
        QCOMPARE(sysAdmin->choice, ChangeChoice::Apply);

        QCOMPARE(wizard->previewDiff(), QString::fromStdString(makePreview(expected).diff));
        QVERIFY(wizard->previewDiff() != diffBefore);
        const QRegularExpression summary(
            QStringLiteral("^\\d+ trials? in \\d+ s: \\d+ changes? verified, \\d+ would break it"));
        QVERIFY2(summary.match(wizard->probeSummaryText()).hasMatch(),
                 qPrintable(wizard->probeSummaryText()));
        auto* note = wizard->findChild<QLabel*>(QStringLiteral("probeNote"));
        QVERIFY(note != nullptr && note->text().contains(wizard->probeSummaryText()));
        QCOMPARE(m_fake->alive.load(), 0);
        saveScreenshot(*wizard);
    }

    void aProbeThatCannotFinishSaysWhyAndLeavesThePlanAsItWas_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("the unchanged container does not stay up in its trial")
            << int(Fake::BaselineFails) << QStringLiteral("The probe could not finish: ");
        QTest::newRow("the daemon goes away after the baseline")
            << int(Fake::DaemonGoneLater) << QStringLiteral("Cannot connect to the Docker daemon");
    }
    void aProbeThatCannotFinishSaysWhyAndLeavesThePlanAsItWas()
    {
        QFETCH(int, kind);
        QFETCH(QString, words);
        auto wizard = makeWizard(static_cast<Fake>(kind));
        QVERIFY(wizard);
        const QStringList before = choices(wizard->plan());
        const QString diffBefore = wizard->previewDiff();
        QSignalSpy finished(wizard.get(), &HardeningWizard::probeFinished);
        QTest::mouseClick(probeButton(*wizard), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY2(wizard->probeSummaryText().contains(words), qPrintable(wizard->probeSummaryText()));
        QVERIFY(wizard->probeSummaryText().endsWith(QStringLiteral("The plan is unchanged.")));
        QCOMPARE(choices(wizard->plan()), before);
        QCOMPARE(wizard->previewDiff(), diffBefore);
        QVERIFY(wizard->findChild<QLabel*>(QStringLiteral("verdict:CTR-001")) == nullptr);
        QVERIFY(probeButton(*wizard)->isEnabled()); // it can be tried again
        QCOMPARE(m_fake->alive.load(), 0);
    }

    void theWizardsOwnTrialRunnerSaysWhyItCannotReachTheDaemon_data()
    {
        QTest::addColumn<bool>("endpoint");
        QTest::addColumn<QString>("words");
        QTest::newRow("no endpoint is chosen") << false << QStringLiteral("connect first");
        QTest::newRow("nothing listens on the daemon's socket") << true << QStringLiteral("docker.sock");
    }
    void theWizardsOwnTrialRunnerSaysWhyItCannotReachTheDaemon()
    {
        QFETCH(bool, endpoint);
        QFETCH(QString, words);
        QTemporaryDir dir;
        HardeningWizardServices s;
        s.load = [](const std::string&) -> Result<HardeningPlan> { return chownerPlan(); };
        if (endpoint) {
            DockerEndpoint gone;
            gone.kind = DockerEndpoint::Kind::Unix;
            gone.socketPath = dir.filePath(QStringLiteral("docker.sock")).toStdString();
            s.endpoint = gone;
        }
        HardeningWizard wizard(std::move(s), QStringLiteral("webapp"));
        QSignalSpy loaded(&wizard, &HardeningWizard::planLoaded);
        wizard.show();
        wizard.loadPlan();
        QVERIFY(loaded.wait(10000));
        const QStringList before = choices(wizard.plan());
        QSignalSpy finished(&wizard, &HardeningWizard::probeFinished);
        QTest::mouseClick(probeButton(wizard), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const QString summary = wizard.probeSummaryText();
        QVERIFY2(summary.startsWith(QStringLiteral("The probe could not finish: ")), qPrintable(summary));
        QVERIFY2(summary.contains(words), qPrintable(summary));
        QVERIFY(summary.endsWith(QStringLiteral("The plan is unchanged.")));
        QCOMPARE(choices(wizard.plan()), before);
    }

    void cancelStopsTheProbeWithoutFreezingTheWindow_data()
    {
        QTest::addColumn<bool>("wizardCancel");
        QTest::addColumn<bool>("afterFirstBatch");
        QTest::newRow("the probe's own Cancel during the baseline: no verdict, the plan as it was")
            << false << false;
        QTest::newRow("the wizard's Cancel (or Escape) during the baseline: the same") << true << false;
        QTest::newRow("Cancel after the first batch: the verdicts it gave are kept, the rest as it was")
            << false << true;
    }
    void cancelStopsTheProbeWithoutFreezingTheWindow()
    {
        QFETCH(bool, wizardCancel);
        QFETCH(bool, afterFirstBatch);
        auto wizard = makeWizard(afterFirstBatch ? Fake::SlowAfterFirst : Fake::Slow);
        QVERIFY(wizard);
        const QStringList before = choices(wizard->plan());
        QSignalSpy finished(wizard.get(), &HardeningWizard::probeFinished);
        QTest::mouseClick(probeButton(*wizard), Qt::LeftButton);
        // While the worker sits in the fake's watch, the GUI thread answers: timers fire, widgets react.
        QTRY_VERIFY(m_fake->inside && m_fake->calls == (afterFirstBatch ? 2 : 1));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY(ticks >= 10);
        QVERIFY(m_fake->inside);
        QVERIFY(!m_fake->onGuiThread);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // nothing else starts meanwhile
        auto* cancel = wizard->findChild<QPushButton*>(QStringLiteral("probeCancel"));
        QVERIFY(cancel != nullptr && cancel->isVisible() && cancel->isEnabled());
        if (wizardCancel) {
            QVERIFY(wizard->button(QWizard::CancelButton)->isEnabled());
            QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
            QVERIFY(wizard->isVisible()); // it stays to say how the probe ended
        } else {
            QTest::mouseClick(cancel, Qt::LeftButton);
        }
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_fake->alive.load(), 0); // nothing left running
        QVERIFY(!wizard->isProbing());
        const QString summary = wizard->probeSummaryText();
        int kept = 0;
        for (int i = 0; i < before.size(); ++i) {
            const HardeningChange& c = wizard->plan().changes.at(static_cast<std::size_t>(i));
            if (c.trial == TrialVerdict::NotTried) {
                QCOMPARE(verdictOf(c), before.at(i)); // untried: as it was
            } else {
                ++kept;
                QVERIFY(wizard->findChild<QLabel*>(QString::fromStdString("verdict:" + c.id)) != nullptr);
            }
        }
        if (afterFirstBatch) {
            QVERIFY(kept > 0);
            QVERIFY2(summary.startsWith(QStringLiteral("Probe cancelled: %1 verdict").arg(kept)),
                     qPrintable(summary));
        } else {
            QCOMPARE(kept, 0);
            QVERIFY2(summary.startsWith(QStringLiteral("Probe cancelled: no verdicts kept")),
                     qPrintable(summary));
            QCOMPARE(choices(wizard->plan()), before);
        }
        QVERIFY(summary.contains(QStringLiteral("trial containers were removed")));
        QVERIFY(probeButton(*wizard)->isEnabled());
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    }
};

QTEST_MAIN(TestHardeningWizardProbe)
#include "TestHardeningWizardProbe.moc"
