#include "core/common/Clock.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningLoader.h"
#include "core/hardening/HardeningRunner.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/DockerQueries.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::inspectField;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");

// A shell that keeps `megabytes` MB in a variable, then sleeps (the echo keeps the shell, and its memory,
// alive instead of exec'ing sleep).
QString holdingMemory(int megabytes)
{
    return QStringLiteral("x=$(head -c %1 /dev/zero | tr '\\0' a); sleep 3600; echo ${#x}")
        .arg(megabytes * 1000000);
}

QString runHolding(const QString& prefix, int megabytes)
{
    const QString name = test::uniqueName(prefix);
    if (test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name, kBusybox,
                      QStringLiteral("sh"), QStringLiteral("-c"), holdingMemory(megabytes)}) != 0) {
        return {};
    }
    return name;
}

std::string addedValue(const HardeningPlan& plan, const std::string& id, const std::string& flag)
{
    const HardeningChange* c = plan.find(id);
    if (c != nullptr) {
        for (const auto& e : c->edits) {
            if (e.op == RunEdit::Op::AddFlag && e.flag == flag) {
                return e.value;
            }
        }
    }
    return {};
}

} // namespace

// Limits sized from what a running container uses, changed in place with docker update and undone from the
// history, on the private daemon.
class TestLiveLimitsIntegration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    SystemClock m_clock;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

    Result<HardeningTarget> load(const QString& name)
    {
        NullProgressSink progress;
        UsageSampling sampling;
        sampling.intervalMs = 300;
        return HardeningLoader::load(*m_client, m_catalogue, m_clock, ScanSettings{}, name.toStdString(),
                                     progress, CancelToken(), sampling);
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY(m_client != nullptr);
    }

    void limitsAreSizedFromUseAppliedInPlaceAndUndone()
    {
        const QString name = runHolding(QStringLiteral("live-limits"), 5);
        QVERIFY(!name.isEmpty());
        QTest::qWait(2000); // let the shell fill its variable
        const QString id = inspectField(name, QStringLiteral("{{.Id}}"));
        const QString startedAt = inspectField(name, QStringLiteral("{{.State.StartedAt}}"));

        // The plan shows the observed peak and a limit above it.
        auto target = load(name);
        QVERIFY2(target, target ? "" : target.error().message.c_str());
        const HardeningPlan& plan = target->plan;
        QVERIFY(plan.find("RUN-006") && plan.find("RUN-008") && plan.find("RUN-009"));
        const std::string memoryTitle = plan.find("RUN-006")->title;
        QVERIFY2(memoryTitle.find("observed peak ") != std::string::npos, memoryTitle.c_str());
        const std::int64_t memory = parseByteSize(addedValue(plan, "RUN-006", "--memory"));
        // 5 MB of the variable, and the shell: 32 MiB more rounds to 48 MiB.
        QCOMPARE(memory, std::int64_t{48} << 20);
        QCOMPARE(addedValue(plan, "RUN-009", "--pids-limit"), std::string("64"));
        QCOMPARE(addedValue(plan, "RUN-008", "--cpus"), std::string("0.25"));
        bool noted = false;
        for (const auto& n : plan.notes) {
            noted = noted || n.find("peak memory") != std::string::npos;
        }
        QVERIFY(noted);

        const QString host = QStringLiteral("unix://") + test::privateDaemonSocket();
        const QTemporaryDir historyDir;
        QVERIFY(historyDir.isValid());
        const QString db = historyDir.filePath(QStringLiteral("history.db"));
        QString out;
        QString err;

        // Nothing to undo yet: a clear refusal.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--undo-limits"), QStringLiteral("--db"), db},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("no live limits update")), qPrintable(err));

        // Only the limit changes chosen: changed in place.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--choose"), QStringLiteral("all=skip"),
                                QStringLiteral("--choose"), QStringLiteral("RUN-006=apply"),
                                QStringLiteral("--choose"), QStringLiteral("RUN-008=apply"),
                                QStringLiteral("--choose"), QStringLiteral("RUN-009=apply"),
                                QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--watch"),
                                QStringLiteral("1"), QStringLiteral("--db"), db},
                               &out, &err),
                 0);
        QVERIFY2(err.contains(QStringLiteral("Applied live")), qPrintable(err));
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), id);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.StartedAt}}")), startedAt);
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.Memory}}")), QString::number(memory));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.MemorySwap}}")), QString::number(memory));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.PidsLimit}}")), QStringLiteral("64"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.NanoCpus}}")), QStringLiteral("250000000"));
        for (const auto& n : test::containerNames()) {
            QVERIFY2(!n.startsWith(name + QStringLiteral("-drydock-backup-")), qPrintable(n));
        }

        // The history holds the previous values.
        QCOMPARE(test::drydock({QStringLiteral("history"), QStringLiteral("actions"), QStringLiteral("--db"),
                                db, QStringLiteral("--object"), name},
                               &out, &err),
                 0);
        QVERIFY2(out.contains(QStringLiteral("apply: update resources")), qPrintable(out));
        QVERIFY2(
            out.contains(QStringLiteral("previous Memory=0 MemorySwap=0 NanoCpus=0 CpuShares=0 PidsLimit=0")),
            qPrintable(out));

        // Undo: what docker update can put back is put back; a memory or CPU limit cannot be lifted in place
        // and the command says so.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--undo-limits"), QStringLiteral("--db"), db},
                               &out, &err),
                 0);
        QVERIFY2(err.contains(QStringLiteral("PIDs 64 → unlimited")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("cannot lift")), qPrintable(err));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.PidsLimit}}")), QStringLiteral("0"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), id);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.StartedAt}}")), startedAt);

        // Undone once: a second undo is refused and changes nothing.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--undo-limits"), QStringLiteral("--db"), db},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("already undone")), qPrintable(err));
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }

    void limitsSetEarlierAreRestoredExactly()
    {
        // A container with limits of its own: the live update lowers them, the undo puts every one back.
        const QString name = test::uniqueName(QStringLiteral("live-undo"));
        QCOMPARE(
            test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                          QStringLiteral("--memory"), QStringLiteral("256m"), QStringLiteral("--memory-swap"),
                          QStringLiteral("256m"), QStringLiteral("--cpus"), QStringLiteral("2"),
                          QStringLiteral("--pids-limit"), QStringLiteral("500"), kBusybox,
                          QStringLiteral("sleep"), QStringLiteral("3600")}),
            0);
        auto target = load(name);
        QVERIFY2(target, target ? "" : target.error().message.c_str());
        HardeningPlan plan = target->plan;
        plan.chooseAll(ChangeChoice::Skip);
        HardeningChange limits;
        limits.id = "limits";
        limits.area = Area::Runtime;
        limits.edits = {{RunEdit::Op::AddFlag, "--memory", "64m"},
                        {RunEdit::Op::AddFlag, "--memory-swap", "64m"},
                        {RunEdit::Op::AddFlag, "--cpus", "0.5"},
                        {RunEdit::Op::AddFlag, "--pids-limit", "100"}};
        plan.changes.push_back(limits);

        std::vector<ActionRecord> history;
        DockerWriter writer(m_client->transport(), m_client->apiVersion(), {});
        const auto recordAs = [&](const std::string& phase) {
            return [&, phase](const HardeningAction& a) {
                history.push_back({0, "", "container", plan.object.id, plan.object.name,
                                   phase + ": " + a.step, a.outcome, a.details, 0});
            };
        };
        HardeningRunner runner(*m_client, writer, m_clock, recordAs("apply"));
        runner.setWatchSeconds(1);
        auto applied = runner.apply(plan, CancelToken());
        QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
        QVERIFY(applied->live && applied->applied);
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.Memory}}")), QString::number(64 << 20));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.NanoCpus}}")), QStringLiteral("500000000"));

        HardeningRunner undoer(*m_client, writer, m_clock, recordAs("undo limits"));
        auto undone = undoer.undoLiveUpdate(name.toStdString(), history);
        QVERIFY2(undone, undone ? "" : undone.error().message.c_str());
        QVERIFY(undone->notLifted.empty());
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.Memory}}")), QString::number(256 << 20));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.MemorySwap}}")),
                 QString::number(256 << 20));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.NanoCpus}}")),
                 QStringLiteral("2000000000"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.PidsLimit}}")), QStringLiteral("500"));
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }

    void aMemoryLimitBelowWhatItUsesIsRefusedAndNothingChanges()
    {
        const QString name = runHolding(QStringLiteral("live-below"), 30);
        QVERIFY(!name.isEmpty());
        QTest::qWait(3000);
        auto target = load(name);
        QVERIFY2(target, target ? "" : target.error().message.c_str());
        HardeningPlan plan = target->plan;
        plan.chooseAll(ChangeChoice::Skip);
        HardeningChange* memory = plan.find("RUN-006");
        QVERIFY(memory != nullptr);
        memory->choice = ChangeChoice::Apply;
        for (auto& e : memory->edits) {
            e.value = "8m"; // far below the 30 MB it holds
        }
        DockerWriter writer(m_client->transport(), m_client->apiVersion(), {});
        HardeningRunner runner(*m_client, writer, m_clock, {});
        runner.setWatchSeconds(1);
        auto applied = runner.apply(plan, CancelToken());
        QVERIFY(!applied);
        QVERIFY2(applied.error().message.find("nothing was changed") != std::string::npos &&
                     applied.error().message.find("memory limit") != std::string::npos,
                 applied.error().message.c_str());
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.Memory}}")), QStringLiteral("0"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }
};

QTEST_GUILESS_MAIN(TestLiveLimitsIntegration)
#include "TestLiveLimitsIntegration.moc"
