#include "core/hardening/ResourceObserver.h"
#include "core/json/ModelParser.h"
#include "tests/support/TestSupport.h"

#include <QTest>

#include <deque>

using namespace drydock;

namespace {

constexpr double kUnknown = -1;

ContainerStats reading(std::int64_t memory, std::int64_t pids, std::uint64_t cpuNs, std::uint64_t systemNs)
{
    ContainerStats s;
    s.memoryBytes = memory;
    s.memoryUsageBytes = memory;
    s.pids = pids;
    s.cpuTotalNs = cpuNs;
    s.systemCpuNs = systemNs;
    s.onlineCpus = 2;
    return s;
}

} // namespace

// GET /containers/{id}/stats answers (recorded on the private daemon, cgroup v1, and a cgroup v2 shape)
// read as `docker stats` reads them, and the peaks ResourceObserver keeps over several readings.
class TestContainerStats : public QObject
{
    Q_OBJECT

private slots:
    void aRecordedAnswerReadsAsDockerStatsShowsIt_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("memory");
        QTest::addColumn<qint64>("pids");
        QTest::addColumn<int>("onlineCpus");
        QTest::addColumn<double>("cores"); // kUnknown: no previous reading in the answer
        QTest::newRow("a cgroup v1 shell holding 5 MB uses 5.3 MiB and 2 processes")
            << "stats/cgroup1-memory-holder-stream.json" << qint64(5554176) << qint64(2) << 2 << 0.0;
        QTest::newRow("a one-shot answer has no previous reading, so no CPU share of its own")
            << "stats/cgroup1-memory-holder-oneshot.json" << qint64(5554176) << qint64(2) << 2 << kUnknown;
        QTest::newRow("a busy loop on cgroup v1 used about a third of a core")
            << "stats/cgroup1-cpu-busy-stream.json" << qint64(565248) << qint64(3) << 2
            << 284697133.0 / 2010000000.0 * 2;
        QTest::newRow("cgroup v2 subtracts inactive_file: 30 MiB used, 8 MiB of it reclaimable cache")
            << "stats/cgroup2-web-stream.json" << qint64(23068672) << qint64(4) << 4 << 0.5;
        QTest::newRow("cgroup v1 subtracts total_inactive_file, and counts CPUs from percpu_usage")
            << "stats/cgroup1-page-cache.json" << qint64(104857600 - 62914560) << qint64(17) << 2 << 2.0;
    }
    void aRecordedAnswerReadsAsDockerStatsShowsIt()
    {
        QFETCH(QString, file);
        QFETCH(qint64, memory);
        QFETCH(qint64, pids);
        QFETCH(int, onlineCpus);
        QFETCH(double, cores);
        auto stats = json::parseStats(test::readData(file));
        QVERIFY2(stats, stats ? "" : stats.error().message.c_str());
        QCOMPARE(stats->memoryBytes, memory);
        QCOMPARE(stats->pids, pids);
        QCOMPARE(stats->onlineCpus, onlineCpus);
        if (cores == kUnknown) {
            QVERIFY(!stats->cpuCores());
        } else {
            QVERIFY(stats->cpuCores());
            QVERIFY2(qAbs(*stats->cpuCores() - cores) < 1e-6,
                     qPrintable(QString::number(*stats->cpuCores())));
        }
    }

    void twoOneShotReadingsGiveTheCpuBetweenThem()
    {
        auto first = json::parseStats(test::readData(QStringLiteral("stats/cgroup1-cpu-busy-stream.json")));
        auto second = json::parseStats(test::readData(QStringLiteral("stats/cgroup1-cpu-busy-oneshot.json")));
        QVERIFY(first && second);
        const auto cores = second->cpuCoresSince(first.value());
        QVERIFY(cores);
        // 337743771 ns of the container's CPU time in 2050000000 ns of the host's 2 CPUs.
        QVERIFY2(qAbs(*cores - 337743771.0 / 2050000000.0 * 2) < 1e-9, qPrintable(QString::number(*cores)));
    }

    void anAnswerThatIsNotStatsIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not JSON") << QByteArray("<html>");
        QTest::newRow("a list instead of an object") << QByteArray("[]");
    }
    void anAnswerThatIsNotStatsIsAClearError()
    {
        QFETCH(QByteArray, body);
        auto stats = json::parseStats(body.toStdString());
        QVERIFY(!stats);
        QCOMPARE(stats.error().code, ErrorCode::MalformedResponse);
        QVERIFY(stats.error().message.find("container stats") != std::string::npos);
    }

    void anEmptyObjectIsAnIdleContainer()
    {
        auto stats = json::parseStats("{}");
        QVERIFY(stats);
        QCOMPARE(stats->memoryBytes, std::int64_t{0});
        QVERIFY(!stats->cpuCores());
    }

    void theObserverKeepsThePeaksOfItsReadings()
    {
        std::deque<Result<ContainerStats>> readings{
            reading(10 << 20, 3, 1'000'000'000, 100'000'000'000),
            reading(30 << 20, 2, 1'500'000'000, 102'000'000'000), // 0.5 s of CPU in 2 s of 2 CPUs: 0.5 cores
            reading(20 << 20, 9, 1'600'000'000, 104'000'000'000)};
        std::vector<int> slept;
        ResourceObserver observer(
            [&]() {
                auto r = readings.front();
                readings.pop_front();
                return r;
            },
            [&](int ms) { slept.push_back(ms); });
        auto usage = observer.observe(3, 250);
        QVERIFY(usage);
        QCOMPARE(usage->samples, 3);
        QCOMPARE(usage->peakMemoryBytes, std::int64_t{30 << 20});
        QCOMPARE(usage->peakPids, std::int64_t{9});
        QVERIFY(usage->peakCpuCores);
        QVERIFY2(qAbs(*usage->peakCpuCores - 0.5) < 1e-9, qPrintable(QString::number(*usage->peakCpuCores)));
        QCOMPARE(slept, (std::vector<int>{250, 250})); // between readings, not before the first
    }

    void aFailedReadingIsLeftOutAndOnlyAllFailingIsAnError()
    {
        std::deque<Result<ContainerStats>> readings{Error::make(ErrorCode::HttpError, "is not running", 409),
                                                    reading(8 << 20, 1, 0, 0),
                                                    Error::make(ErrorCode::HttpError, "is not running", 409)};
        ResourceObserver observer(
            [&]() {
                auto r = readings.front();
                readings.pop_front();
                return r;
            },
            [](int) {});
        auto usage = observer.observe(3, 0);
        QVERIFY(usage);
        QCOMPARE(usage->samples, 1);
        QCOMPARE(usage->peakMemoryBytes, std::int64_t{8 << 20});
        QVERIFY(!usage->peakCpuCores);

        ResourceObserver failing(
            [] { return Result<ContainerStats>(Error::make(ErrorCode::HttpError, "gone", 404)); },
            [](int) {});
        auto none = failing.observe(3, 0);
        QVERIFY(!none);
        QCOMPARE(none.error().message, std::string("gone"));
    }
};

QTEST_GUILESS_MAIN(TestContainerStats)
#include "TestContainerStats.moc"
