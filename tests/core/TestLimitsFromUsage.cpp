#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/LimitsFromUsage.h"

#include <QTest>

using namespace drydock;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

Finding finding(const std::string& rule, std::vector<RunEdit> edits)
{
    Finding f;
    f.ruleId = rule;
    f.area = Area::Runtime;
    f.object = {ObjectType::Container, "c1", "web"};
    f.title = rule + " title";
    f.evidence = rule + " evidence";
    f.remediation.edits = std::move(edits);
    return f;
}

// A plan of a container with no memory, CPU or PIDs limit, as the rules advise today (512m, 1.0, 256).
HardeningPlan unlimitedPlan()
{
    Container c;
    c.id = "c1";
    c.name = "web";
    c.state.running = true;
    using O = RunEdit::Op;
    return HardeningPlanner().planContainer(
        c, nullptr,
        {finding("RUN-006", {{O::AddFlag, "--memory", "512m"}, {O::AddFlag, "--memory-swap", "512m"}}),
         finding("RUN-008", {{O::AddFlag, "--cpus", "1.0"}}),
         finding("RUN-009", {{O::AddFlag, "--pids-limit", "256"}})},
        {}, {});
}

std::string added(const HardeningPlan& plan, const std::string& id, const std::string& flag)
{
    for (const auto& e : plan.find(id)->edits) {
        if (e.op == RunEdit::Op::AddFlag && e.flag == flag) {
            return e.value;
        }
    }
    return "(none)";
}

} // namespace

// Limits sized from observed peaks with headroom, and how they replace the fixed defaults in a plan.
class TestLimitsFromUsage : public QObject
{
    Q_OBJECT

private slots:
    void memoryIsTwiceThePeakOrPeakPlus32MiBRoundedUp_data()
    {
        QTest::addColumn<qint64>("peak");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<QString>("flag");
        QTest::newRow("an idle container still gets 32 MiB") << qint64(0) << 32 * kMiB << "32m";
        QTest::newRow("5.3 MiB gets 32 MiB more, rounded up to 48 MiB")
            << qint64(5554176) << 48 * kMiB << "48m";
        QTest::newRow("23 MiB gets 64 MiB (the issue's example)") << 23 * kMiB << 64 * kMiB << "64m";
        QTest::newRow("exactly 32 MiB doubles to 64 MiB, already a step") << 32 * kMiB << 64 * kMiB << "64m";
        QTest::newRow("100 MiB doubles to 200 MiB, rounded to 16 MiB: 208 MiB")
            << 100 * kMiB << 208 * kMiB << "208m";
        QTest::newRow("128 MiB doubles to exactly 256 MiB, still in 16 MiB steps")
            << 128 * kMiB << 256 * kMiB << "256m";
        QTest::newRow("129 MiB doubles past 256 MiB: 64 MiB steps, 320 MiB")
            << 129 * kMiB << 320 * kMiB << "320m";
        QTest::newRow("1 GiB doubles to 2 GiB") << 1024 * kMiB << 2048 * kMiB << "2048m";
        QTest::newRow("a negative reading counts as nothing") << qint64(-5) << 32 * kMiB << "32m";
    }
    void memoryIsTwiceThePeakOrPeakPlus32MiBRoundedUp()
    {
        QFETCH(qint64, peak);
        QFETCH(qint64, limit);
        QFETCH(QString, flag);
        QCOMPARE(LimitsFromUsage::memoryBytes(peak), limit);
        QCOMPARE(QString::fromStdString(LimitsFromUsage::memoryFlag(limit)), flag);
    }

    void pidsAreTwiceThePeakAtLeast64InSixteens_data()
    {
        QTest::addColumn<qint64>("peak");
        QTest::addColumn<qint64>("limit");
        QTest::newRow("one process gets 64") << qint64(1) << qint64(64);
        QTest::newRow("32 processes double to exactly 64") << qint64(32) << qint64(64);
        QTest::newRow("33 processes double to 66, rounded to 80") << qint64(33) << qint64(80);
        QTest::newRow("200 processes double to 400, already a multiple of 16") << qint64(200) << qint64(400);
    }
    void pidsAreTwiceThePeakAtLeast64InSixteens()
    {
        QFETCH(qint64, peak);
        QFETCH(qint64, limit);
        QCOMPARE(LimitsFromUsage::pids(peak), limit);
    }

    void cpusAreTwiceThePeakAtLeastAQuarterInQuarters_data()
    {
        QTest::addColumn<double>("peak");
        QTest::addColumn<double>("limit");
        QTest::addColumn<QString>("flag");
        QTest::newRow("an idle container gets a quarter core") << 0.0 << 0.25 << "0.25";
        QTest::newRow("an eighth doubles to exactly a quarter") << 0.125 << 0.25 << "0.25";
        QTest::newRow("a third of a core doubles to 0.66, rounded to 0.75") << 0.33 << 0.75 << "0.75";
        QTest::newRow("half a core doubles to one") << 0.5 << 1.0 << "1.0";
        QTest::newRow("1.3 cores double to 2.6, rounded to 2.75") << 1.3 << 2.75 << "2.75";
    }
    void cpusAreTwiceThePeakAtLeastAQuarterInQuarters()
    {
        QFETCH(double, peak);
        QFETCH(double, limit);
        QFETCH(QString, flag);
        QCOMPARE(LimitsFromUsage::cpus(peak), limit);
        QCOMPARE(QString::fromStdString(LimitsFromUsage::cpusFlag(limit)), flag);
    }

    void anObservedContainerGetsLimitsSizedFromItsPeaks()
    {
        HardeningPlan plan = unlimitedPlan();
        ObservedUsage usage;
        usage.samples = 3;
        usage.peakMemoryBytes = 23 * kMiB;
        usage.peakPids = 3;
        usage.peakCpuCores = 0.02;
        applyObservedLimits(plan, usage, "not running: fixed default");
        QCOMPARE(added(plan, "RUN-006", "--memory"), std::string("64m"));
        QCOMPARE(added(plan, "RUN-006", "--memory-swap"), std::string("64m"));
        QCOMPARE(added(plan, "RUN-008", "--cpus"), std::string("0.25"));
        QCOMPARE(added(plan, "RUN-009", "--pids-limit"), std::string("64"));
        const std::string title = plan.find("RUN-006")->title;
        QVERIFY2(title.find("observed peak 23 MiB → limit 64 MiB") != std::string::npos, title.c_str());
        QVERIFY(plan.find("RUN-009")->title.find("observed peak 3 processes → limit 64") !=
                std::string::npos);
        QVERIFY(plan.find("RUN-008")->reason.find("observed peak 0.02 CPUs → limit 0.25") !=
                std::string::npos);
        QVERIFY(plan.find("RUN-006")->reason.find("3 readings") != std::string::npos);
    }

    void withoutAnObservationTheFixedDefaultsStayAndSaySo()
    {
        HardeningPlan plan = unlimitedPlan();
        const HardeningPlan before = plan;
        applyObservedLimits(plan, std::nullopt, "not running: fixed default");
        QCOMPARE(added(plan, "RUN-006", "--memory"), std::string("512m"));
        QCOMPARE(added(plan, "RUN-008", "--cpus"), std::string("1.0"));
        QCOMPARE(added(plan, "RUN-009", "--pids-limit"), std::string("256"));
        QCOMPARE(plan.find("RUN-006")->title, before.find("RUN-006")->title);
        QVERIFY(plan.find("RUN-006")->reason.find("not running: fixed default 512m") != std::string::npos);
        QVERIFY(plan.find("RUN-009")->reason.find("not running: fixed default 256") != std::string::npos);
    }

    void onlyAPlanWithALimitToSizeIsWorthSampling()
    {
        QVERIFY(plansLimitsFromUsage(unlimitedPlan()));
        // A container that has all three limits: its plan's changes set none.
        HardeningPlan limited = unlimitedPlan();
        for (auto& c : limited.changes) {
            std::erase_if(c.edits, [](const RunEdit& e) { return e.flag != "--memory-swap"; });
        }
        QVERIFY(!plansLimitsFromUsage(limited));
        QVERIFY(!plansLimitsFromUsage(HardeningPlan{}));
    }

    void withoutTwoReadingsTheCpuKeepsItsDefault()
    {
        HardeningPlan plan = unlimitedPlan();
        ObservedUsage usage;
        usage.samples = 1;
        usage.peakMemoryBytes = 1 * kMiB;
        applyObservedLimits(plan, usage, "not running: fixed default");
        QCOMPARE(added(plan, "RUN-008", "--cpus"), std::string("1.0"));
        QVERIFY(plan.find("RUN-008")->reason.find("no two readings") != std::string::npos);
        QCOMPARE(added(plan, "RUN-006", "--memory"), std::string("48m"));
    }
};

QTEST_GUILESS_MAIN(TestLimitsFromUsage)
#include "TestLimitsFromUsage.moc"
