#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/probe/TrialBatch.h"
#include "tests/support/DockerQueries.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace drydock;
using drydock::test::containerNames;
using drydock::test::inspectField;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");
// A web server on 8080 that writes nothing.
const QString kWeb = QStringLiteral("httpd -f -p 8080");
// A worker that writes into a root-owned directory of its own layer every second, and stops when it cannot.
const QString kWriter = QStringLiteral("trap 'exit 0' TERM; while true; do mkdir -p /var/cache/app && "
                                       "date > /var/cache/app/stamp || exit 1; sleep 1; done");

TrialSpec spec(const std::string& label, std::vector<RunEdit> edits = {})
{
    return {label, std::move(edits)};
}

const RunEdit kNoNewPrivileges{RunEdit::Op::AddFlag, "--security-opt", "no-new-privileges"};
const RunEdit kReadOnly{RunEdit::Op::AddFlag, "--read-only", ""};
const RunEdit kNonRoot{RunEdit::Op::AddFlag, "--user", "10001:10001"};

bool has(const StringList& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

// Several trials of one real container run at once on the private daemon: what each did, what differs from
// the baseline, and that no trial container is ever left behind (after a run, a cancel, or an earlier
// interruption).
class TestTrialBatchIntegration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    SystemClock m_clock;
    std::vector<HardeningAction> m_actions;
    QStringList m_made;

    // A test container running script, and a batch to try it with.
    struct Subject
    {
        QString name;
        HardeningPlan plan;
        std::unique_ptr<DockerWriter> writer;
        std::unique_ptr<TrialBatch> batch;
    };

    // Runs `docker run -d --name NAME busybox sh -c SCRIPT`; the plan is empty when that failed.
    Subject subject(const QString& prefix, const QString& script, int watchSeconds)
    {
        Subject s;
        s.name = test::uniqueName(prefix);
        m_made << s.name;
        const int rc = test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
                                     s.name, kBusybox, QStringLiteral("sh"), QStringLiteral("-c"), script});
        if (rc == 0) {
            const QString id = inspectField(s.name, QStringLiteral("{{.Id}}"));
            s.plan.object = {ObjectType::Container, id.toStdString(), s.name.toStdString()};
        }
        s.writer = std::make_unique<DockerWriter>(m_client->transport(), m_client->apiVersion(), nullptr);
        s.batch = std::make_unique<TrialBatch>(*m_client, *s.writer, m_clock,
                                               [this](const HardeningAction& a) { m_actions.push_back(a); });
        s.batch->setWatchSeconds(watchSeconds);
        return s;
    }

    static QStringList trialsOf(const QString& name)
    {
        QStringList out;
        for (const auto& n : containerNames()) {
            if (n.startsWith(name + QStringLiteral("-drydock-trial-"))) {
                out << n;
            }
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY(m_client != nullptr);
    }

    void init() { m_actions.clear(); }

    void cleanup()
    {
        for (const auto& n : m_made) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), n});
        }
        m_made.clear();
    }

    void harmlessChangesKeepTheServerListening()
    {
        const Subject s = subject(QStringLiteral("trialweb"), kWeb, 5);
        QVERIFY(s.plan.isContainer());
        QElapsedTimer timer;
        timer.start();
        auto seen = s.batch->run(s.plan,
                                 {spec("baseline"), spec("no-new-privileges", {kNoNewPrivileges}),
                                  spec("read-only", {kReadOnly}), spec("non-root", {kNonRoot})},
                                 CancelToken());
        qInfo("a batch of 4 trials watched for 5 s took %.1f s", timer.elapsed() / 1000.0);
        QVERIFY2(seen, seen ? "" : seen.error().message.c_str());
        QCOMPARE(seen->size(), std::size_t{4});
        const TrialObservation& baseline = seen->front();
        for (const auto& o : seen.value()) {
            QVERIFY2(o.started, o.startError.c_str());
            QVERIFY2(o.running, (o.label + ": " + o.state + "\n" + o.logTail).c_str());
            QVERIFY2(o.listeningPorts.has_value(), o.label.c_str());
            QCOMPARE(*o.listeningPorts, std::set<int>{8080});
            QCOMPARE(o.watchedSeconds, 5);
            const TrialComparison c = compareTrial(baseline, o);
            QVERIFY2(c.sameBehaviour, c.evidence.c_str());
            QCOMPARE(c.evidence, std::string("trial kept port 8080 and stayed running for 5 s"));
        }
        QVERIFY(trialsOf(s.name).isEmpty());
        QCOMPARE(inspectField(s.name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
    }

    void aChangeThatBreaksTheWorkerShowsWhy()
    {
        const Subject s = subject(QStringLiteral("trialwriter"), kWriter, 3);
        QVERIFY(s.plan.isContainer());
        auto seen = s.batch->run(
            s.plan,
            {spec("baseline"), spec("read-only", {kReadOnly}), spec("no-new-privileges", {kNoNewPrivileges})},
            CancelToken());
        QVERIFY2(seen, seen ? "" : seen.error().message.c_str());
        const TrialObservation& baseline = seen->at(0);
        const TrialObservation& readOnly = seen->at(1);
        QVERIFY2(baseline.running, baseline.logTail.c_str());
        QVERIFY2(has(baseline.writtenPaths, "/var/cache/app"), join(baseline.writtenPaths, " ").c_str());
        QVERIFY(baseline.listeningPorts.has_value());
        QVERIFY(baseline.listeningPorts->empty());
        QVERIFY(baseline.permissionErrors.empty());

        QVERIFY(readOnly.started);
        QVERIFY(!readOnly.running);
        QCOMPARE(readOnly.exitCode, 1);
        QVERIFY2(!readOnly.permissionErrors.empty(), readOnly.logTail.c_str());
        const TrialComparison broke = compareTrial(baseline, readOnly);
        qInfo("read-only: %s", broke.evidence.c_str());
        QVERIFY(!broke.sameBehaviour);
        QVERIFY2(contains(broke.evidence, "trial exited with code 1 (baseline kept running)"),
                 broke.evidence.c_str());
        QVERIFY2(contains(broke.evidence, "Read-only file system`"), broke.evidence.c_str());

        const TrialComparison fine = compareTrial(baseline, seen->at(2));
        QVERIFY2(fine.sameBehaviour, fine.evidence.c_str());
        QVERIFY(trialsOf(s.name).isEmpty());
        // Every step was logged, with the ports read by exec.
        QVERIFY(std::any_of(m_actions.begin(), m_actions.end(), [](const HardeningAction& a) {
            return a.step == "read listening ports" && a.outcome == "ok";
        }));
    }

    void cancellingMidWatchStillRemovesEveryTrial()
    {
        const Subject s = subject(QStringLiteral("trialcancel"), kWeb, 60);
        QVERIFY(s.plan.isContainer());
        CancelToken cancel;
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            cancel.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        auto seen = s.batch->run(
            s.plan, {spec("baseline"), spec("read-only", {kReadOnly}), spec("non-root", {kNonRoot})}, cancel);
        canceller.join();
        QVERIFY2(seen, seen ? "" : seen.error().message.c_str());
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(trialsOf(s.name).isEmpty());
        QVERIFY(std::any_of(m_actions.begin(), m_actions.end(),
                            [](const HardeningAction& a) { return a.outcome == "interrupted"; }));
        QCOMPARE(inspectField(s.name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
    }

    void leftOverTrialsAreRemovedByName()
    {
        const QString name = test::uniqueName(QStringLiteral("trialleft"));
        const QString other = test::uniqueName(QStringLiteral("trialother"));
        const QString leftOver = name + QStringLiteral("-drydock-trial-20261207T100000-1");
        const QString otherLeftOver = other + QStringLiteral("-drydock-trial-20261207T100000-2");
        const QString kept = name + QStringLiteral("-keep");
        m_made << leftOver << otherLeftOver << kept;
        for (const auto& n : {leftOver, otherLeftOver, kept}) {
            QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), n, kBusybox,
                                   QStringLiteral("sleep"), QStringLiteral("60")}),
                     0);
        }
        const Subject s = subject(QStringLiteral("trialleftsource"), kWeb, 1);
        auto removed = s.batch->removeLeftoverTrials(name.toStdString());
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QCOMPARE(removed.value(), StringList{leftOver.toStdString()});
        QVERIFY(!containerNames().contains(leftOver));
        QVERIFY(containerNames().contains(otherLeftOver));

        auto all = s.batch->removeLeftoverTrials();
        QVERIFY2(all, all ? "" : all.error().message.c_str());
        QVERIFY(has(all.value(), otherLeftOver.toStdString()));
        QVERIFY(!containerNames().contains(otherLeftOver));
        QVERIFY(containerNames().contains(kept));
    }
};

QTEST_GUILESS_MAIN(TestTrialBatchIntegration)
#include "TestTrialBatchIntegration.moc"
