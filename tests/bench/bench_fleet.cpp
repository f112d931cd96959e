// Fleet scan of 3 endpoints × 200 containers: the whole fleet in parallel against each endpoint alone and
// the sum of the three. The endpoints are scripted daemons (recorded API 1.41 answers, tests/data) with a
// latency per round trip, to stand for three remote daemons at different distances; the rules run for
// real. Prints figures; asserts nothing about time.
#include "core/common/Clock.h"
#include "core/scan/FleetScanner.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/ScriptedDaemon.h"

#include <cstdio>
#include <cstdlib>

using namespace drydock;

namespace {

struct Remote
{
    const char* name;
    int latencyMs;
};

constexpr Remote kRemotes[] = {{"near", 2}, {"middle", 5}, {"far", 10}};

FleetScanner::TransportMaker scripted(int containers)
{
    return [containers](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
        test::ScriptedDaemon::Options o;
        o.name = e.socketPath;
        o.containers = containers;
        for (const auto& r : kRemotes) {
            if (e.socketPath == r.name) {
                o.latencyMs = r.latencyMs;
            }
        }
        return std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o));
    };
}

FleetTarget target(const char* name)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = name;
    return {name, e};
}

double timeFleet(const FleetScanner& scanner, const std::vector<FleetTarget>& targets, std::size_t& findings)
{
    NullFleetProgress progress;
    bench::Stopwatch watch;
    const auto entries = scanner.scan(targets, ScanSettings{}, progress, CancelToken());
    const double ms = watch.ms();
    findings = 0;
    for (const auto& e : entries) {
        if (!e.reachable()) {
            std::fprintf(stderr, "bench_fleet: %s failed: %s\n", e.target.name.c_str(), e.error->message.c_str());
            std::exit(1);
        }
        findings += e.result->findings.size();
    }
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    const int containers = argc > 1 ? std::atoi(argv[1]) : 200;
    const int rounds = 3;
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const SystemClock clock;
    const FleetScanner scanner(catalogue, clock, scripted(containers));

    std::printf("bench_fleet: 3 scripted endpoints x %d containers (latency per round trip: 2, 5, 10 ms), best of %d\n",
                containers, rounds);
    double sum = 0;
    double slowest = 0;
    for (const auto& r : kRemotes) {
        double best = 1e18;
        std::size_t findings = 0;
        for (int i = 0; i < rounds; ++i) {
            best = std::min(best, timeFleet(scanner, {target(r.name)}, findings));
        }
        std::printf("  %-7s alone: %8.1f ms  (%zu findings)\n", r.name, best, findings);
        sum += best;
        slowest = std::max(slowest, best);
    }
    double fleet = 1e18;
    std::size_t findings = 0;
    for (int i = 0; i < rounds; ++i) {
        fleet = std::min(fleet, timeFleet(scanner, {target("near"), target("middle"), target("far")}, findings));
    }
    std::printf("  fleet of 3 in parallel: %8.1f ms  (%zu findings)\n", fleet, findings);
    std::printf("  slowest alone: %8.1f ms   sum of the three: %8.1f ms\n", slowest, sum);
    std::printf("  fleet / slowest = %.2fx   fleet / sum = %.2fx\n", fleet / slowest, fleet / sum);
    std::printf("  peak RSS %ld MiB\n", bench::peakRssKb() / 1024);
    return 0;
}
