// The least-privilege probe (`drydock harden NAME --probe`, issue #22) on each of its test containers
// (tests/support/ProbeContainers.h), with the default watch window: wall time, trial containers run, and how
// many changes it found tolerated. #22's target: under 30 s per container. Prints figures; asserts nothing.
// Usage: bench_probe [RUNS=1] [KEY…]   (tests/bench/run-benchmarks.sh sets the daemon; keys: web worker
// switcher chowner rootonly; DRYDOCK_BENCH_VERBOSE=1 prints each round's trials)
#include "core/common/Clock.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"
#include "core/hardening/probe/TrialBatch.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/HardeningPlans.h"
#include "tests/support/ProbeContainers.h"
#include "tests/support/TestSupport.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace drydock;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
    QStringList keys;
    for (int i = 2; i < argc; ++i) {
        keys << QString::fromLocal8Bit(argv[i]);
    }
    auto client = test::connectPrivateDaemon();
    if (!client) {
        std::fprintf(stderr, "no private daemon: run through tests/bench/run-benchmarks.sh\n");
        return 1;
    }
    SystemClock clock;
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    std::printf("%-10s %5s %8s %8s %7s %10s %s\n", "container", "run", "seconds", "trials", "rounds",
                "tolerated", "target < 30 s");
    for (const auto& spec : test::probeContainers()) {
        if (!keys.isEmpty() && !keys.contains(spec.key)) {
            continue;
        }
        QString error;
        const QString name = test::uniqueName(QStringLiteral("bench-probe-") + spec.key);
        if (!test::buildProbeImage(spec, &error) || !test::runProbeContainer(spec, name, {}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        test::waitUntilSettled(name, spec.healthCheck);
        const HardeningPlan plan = test::loadPlan(*client, catalogue, clock, name);
        DockerWriter writer(client->transport(), client->apiVersion(), {});
        TrialBatch batch(*client, writer, clock, {});
        LeastPrivilegeProbe probe([&](const std::vector<TrialSpec>& specs, const CancelToken& cancel) {
            return batch.run(plan, specs, cancel);
        });
        if (qEnvironmentVariableIsSet("DRYDOCK_BENCH_VERBOSE")) {
            probe.setProgress([](const ProbeProgress& p) {
                if (!p.current.empty()) {
                    std::printf("    round of %d done: %s\n", p.done, p.current.c_str());
                }
            });
        }
        for (int round = 1; round <= runs; ++round) {
            const bench::Stopwatch watch;
            const auto result = probe.probe(plan, CancelToken());
            const double seconds = watch.ms() / 1000.0;
            if (!result) {
                std::printf("%-10s %5d %8.1f  failed: %s\n", qPrintable(spec.key), round, seconds,
                            result.error().message.c_str());
                continue;
            }
            const auto tolerated = std::count_if(result->verdicts.begin(), result->verdicts.end(),
                                                 [](const ProbeVerdict& v) { return v.tolerated; });
            std::printf("%-10s %5d %8.1f %8d %7d %6ld of %-3zu %s\n", qPrintable(spec.key), round, seconds,
                        result->trials, result->rounds, static_cast<long>(tolerated), result->verdicts.size(),
                        seconds < 30.0 ? "met" : "MISSED");
            std::fflush(stdout);
        }
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }
    return 0;
}
