#include "core/hardening/LiveUpdate.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(std::vector<drydock::RunEdit>)
Q_DECLARE_METATYPE(std::vector<drydock::ActionRecord>)

namespace {

using O = RunEdit::Op;
constexpr std::int64_t kMiB = 1024 * 1024;

ActionRecord action(const std::string& step, const std::string& outcome, const std::string& details,
                    const std::string& id = "c1")
{
    ActionRecord a;
    a.objectId = id;
    a.objectName = "web";
    a.step = step;
    a.outcome = outcome;
    a.details = details;
    return a;
}

LiveResources limited()
{
    LiveResources r;
    r.memory = 48 * kMiB;
    r.memorySwap = 48 * kMiB;
    r.nanoCpus = 250000000;
    r.pidsLimit = 64;
    r.restart = {"on-failure", 5};
    return r;
}

} // namespace

// Which plans docker update can apply in place, the request between two sets of values, and the history
// record an undo reads back.
class TestLiveUpdate : public QObject
{
    Q_OBJECT

private slots:
    void onlyLimitEditsAreLive_data()
    {
        QTest::addColumn<std::vector<RunEdit>>("edits");
        QTest::addColumn<bool>("live");
        QTest::newRow("memory and swap")
            << std::vector<RunEdit>{{O::AddFlag, "--memory", "48m"}, {O::AddFlag, "--memory-swap", "48m"}}
            << true;
        QTest::newRow("CPUs, PIDs and a restart policy")
            << std::vector<RunEdit>{{O::AddFlag, "--cpus", "0.25"},
                                    {O::RemoveFlag, "--pids-limit", ""},
                                    {O::AddFlag, "--pids-limit", "64"},
                                    {O::RemoveFlag, "--restart", ""},
                                    {O::AddFlag, "--restart", "on-failure:5"}}
            << true;
        QTest::newRow("CPU shares") << std::vector<RunEdit>{{O::AddFlag, "--cpu-shares", "512"}} << true;
        QTest::newRow("a limit beside a read-only root needs a recreate")
            << std::vector<RunEdit>{{O::AddFlag, "--memory", "48m"}, {O::AddFlag, "--read-only", ""}}
            << false;
        QTest::newRow("a user change needs a recreate")
            << std::vector<RunEdit>{{O::AddFlag, "--user", "1000"}} << false;
    }
    void onlyLimitEditsAreLive()
    {
        QFETCH(std::vector<RunEdit>, edits);
        QFETCH(bool, live);
        QCOMPARE(liveResourcesAfter(LiveResources{}, edits).has_value(), live);
    }

    void liftingAMemoryOrCpuLimitIsNotLive()
    {
        // docker update reads 0 as "unchanged" and refuses -1: a limit cannot be lifted in place.
        QVERIFY(!liveResourcesAfter(limited(), {{O::RemoveFlag, "--memory-swap", ""}}));
        QVERIFY(!liveResourcesAfter(limited(), {{O::RemoveFlag, "--cpus", ""}}));
        // PIDs can: -1 is unlimited.
        const auto pids = liveResourcesAfter(limited(), {{O::RemoveFlag, "--pids-limit", ""}});
        QVERIFY(pids);
        QCOMPARE(pids->pidsLimit, std::int64_t{0});
    }

    void theEditsGiveTheValuesDockerRunWould()
    {
        const auto after = liveResourcesAfter(LiveResources{}, {{O::AddFlag, "--memory", "48m"},
                                                                {O::AddFlag, "--memory-swap", "48m"},
                                                                {O::AddFlag, "--cpus", "0.25"},
                                                                {O::AddFlag, "--pids-limit", "64"},
                                                                {O::AddFlag, "--restart", "on-failure:5"}});
        QVERIFY(after);
        QVERIFY(*after == limited());
    }

    void aPlanIsLiveOnlyForARunningContainerWithChosenLimits()
    {
        HardeningPlan plan;
        plan.object = {ObjectType::Container, "c1", "web"};
        plan.running = true;
        HardeningChange memory;
        memory.id = "RUN-006";
        memory.edits = {{O::AddFlag, "--memory", "48m"}, {O::AddFlag, "--memory-swap", "48m"}};
        HardeningChange user;
        user.id = "CTR-001";
        user.edits = {{O::AddFlag, "--user", "1000"}};
        user.choice = ChangeChoice::Skip;
        plan.changes = {memory, user};
        QVERIFY(canApplyLive(plan, LiveResources{}));
        plan.find("CTR-001")->choice = ChangeChoice::Apply;
        QVERIFY(!canApplyLive(plan, LiveResources{}));
        plan.find("CTR-001")->choice = ChangeChoice::Skip;
        plan.running = false;
        QVERIFY(!canApplyLive(plan, LiveResources{}));
        plan.running = true;
        plan.find("RUN-006")->choice = ChangeChoice::Skip;
        QVERIFY(!canApplyLive(plan, LiveResources{})); // nothing chosen: nothing to update
    }

    void theRequestHoldsOnlyWhatChangesAndNamesWhatCannotBeLifted()
    {
        const ResourceUpdate up = updateBetween(LiveResources{}, limited());
        QCOMPARE(up.memory.value_or(0), 48 * kMiB);
        QCOMPARE(up.memorySwap.value_or(0), 48 * kMiB);
        QCOMPARE(up.nanoCpus.value_or(0), std::int64_t{250000000});
        QVERIFY(!up.cpuShares);
        QCOMPARE(up.pidsLimit.value_or(0), std::int64_t{64});
        QVERIFY(up.restartPolicy && up.restartPolicy->name == "on-failure");

        StringList cannot;
        const ResourceUpdate down = updateBetween(limited(), LiveResources{}, &cannot);
        QVERIFY(!down.memory && !down.memorySwap && !down.nanoCpus);
        QCOMPARE(down.pidsLimit.value_or(0), std::int64_t{-1}); // unlimited, as the daemon takes it
        QVERIFY(down.restartPolicy && down.restartPolicy->name == "no");
        QCOMPARE(cannot, (StringList{"memory limit 48 MiB", "swap limit 48 MiB", "CPU limit 0.25"}));
        QVERIFY(updateBetween(limited(), limited()).empty());
    }

    void aRecordReadsBackAsWritten()
    {
        const std::string text = formatLiveRecord(LiveResources{}, limited());
        QCOMPARE(text,
                 std::string("previous Memory=0 MemorySwap=0 NanoCpus=0 CpuShares=0 PidsLimit=0 "
                             "RestartPolicy=no:0; new Memory=50331648 MemorySwap=50331648 NanoCpus=250000000 "
                             "CpuShares=0 PidsLimit=64 RestartPolicy=on-failure:5"));
        const auto back = parseLiveRecord(text);
        QVERIFY(back);
        QVERIFY(back->first == LiveResources{});
        QVERIFY(back->second == limited());
        QVERIFY(!parseLiveRecord("previous Memory=0; new Memory=1"));
        QVERIFY(!parseLiveRecord("web: memory unlimited → 48 MiB: refused"));
    }

    void theUndoTakesTheLastLiveUpdateNotYetUndone_data()
    {
        QTest::addColumn<std::vector<ActionRecord>>("actions");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("words"); // in the error, or the previous memory when found
        const std::string record = formatLiveRecord(LiveResources{}, limited());
        const std::string older = formatLiveRecord(limited(), LiveResources{});
        QTest::newRow("no live update at all")
            << std::vector<ActionRecord>{action("apply: stop original", "ok", "web")} << false
            << "has no live";
        QTest::newRow("a failed live update is not undone")
            << std::vector<ActionRecord>{action("apply: update resources", "failed", "refused")} << false
            << "has no live";
        QTest::newRow("the last one wins")
            << std::vector<ActionRecord>{action("apply: update resources", "ok", older),
                                         action("apply: update resources", "ok", record)}
            << true << "0";
        QTest::newRow("an update already undone is not undone twice")
            << std::vector<ActionRecord>{action("apply: update resources", "ok", record),
                                         action("undo limits: update resources", "ok", older)}
            << false << "already undone";
    }
    void theUndoTakesTheLastLiveUpdateNotYetUndone()
    {
        QFETCH(std::vector<ActionRecord>, actions);
        QFETCH(bool, found);
        QFETCH(QString, words);
        auto last = lastLiveUpdate(actions, "web");
        QCOMPARE(bool(last), found);
        if (found) {
            QCOMPARE(QString::number(last->previous.memory), words);
            QVERIFY(last->applied == limited());
        } else {
            QVERIFY2(QString::fromStdString(last.error().message).contains(words),
                     last.error().message.c_str());
            QVERIFY(last.error().message.find("nothing was changed") != std::string::npos);
        }
    }

    void aChangeReadsForPeople()
    {
        QCOMPARE(
            describeLiveChange(LiveResources{}, limited()),
            std::string("memory unlimited → 48 MiB, memory+swap unlimited → 48 MiB, CPUs unlimited → 0.25, "
                        "PIDs unlimited → 64, restart no → on-failure:5"));
    }
};

QTEST_GUILESS_MAIN(TestLiveUpdate)
#include "TestLiveUpdate.moc"
