// History at scale: builds 1,000 scans x 1,000 findings (arguments change both) in a temporary database
// and prints insert throughput, the time of a delta between two scans and of a 90-day trend query.
// Targets: a 1,000-finding scan stored in under 50 ms; delta and trend under 100 ms.
#include "tests/bench/BenchHistory.h"

#include <cstdio>
#include <string>
#include <sys/stat.h>

using namespace drydock;

int main(int argc, char** argv)
{
    const int scans = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int perScan = argc > 2 ? std::atoi(argv[2]) : 1000;
    bench::TempHistory history("history");
    HistoryStore* store = history.store();
    if (!store) {
        return 1;
    }
    const std::int64_t now = 1800000000;
    double total = 0;
    double worst = 0;
    for (int s = 0; s < scans; ++s) {
        ScanResult r;
        r.startedAtUnix = now - (scans - s) * 3600 * 2; // two hours apart: about 83 days for 1,000 scans
        r.finishedAtUnix = r.startedAtUnix + 3;
        r.catalogueVersion = "bench";
        r.inventory.endpoint = "unix:///var/run/docker.sock";
        std::vector<Finding> fs;
        fs.reserve(static_cast<std::size_t>(perScan));
        for (int i = 0; i < perScan; ++i) {
            Finding f;
            f.ruleId = "CTR-" + std::to_string(i % 25);
            f.area = static_cast<Area>(i % 7);
            f.severity = static_cast<Severity>(i % 5);
            f.object = {ObjectType::Container, "id" + std::to_string(i / 10), "container-" + std::to_string(i / 10)};
            // A few findings come and go so deltas have work to do.
            f.discriminator = (i % 97 == 0) ? "d" + std::to_string(s % 3) : "";
            f.title = "A title that is about this long for a finding";
            f.evidence = "HostConfig.CapAdd contains CAP_NET_ADMIN";
            f.rationale = "Rule rationale text, a couple of sentences long, identical for every finding of the rule.";
            f.fix = "Rule fix text.";
            f.remediation.runCommand = "docker run \\\n  --name container-" + std::to_string(i / 10) +
                                       " \\\n  --cap-drop ALL \\\n  --read-only \\\n  app:1.0";
            fs.push_back(std::move(f));
        }
        r.findings = FindingSet(std::move(fs));
        bench::Stopwatch sw;
        if (!store->scans().save(r)) {
            std::fprintf(stderr, "save failed\n");
            return 1;
        }
        const double ms = sw.ms();
        total += ms;
        worst = std::max(worst, ms);
    }
    struct stat st{};
    ::stat(history.path().c_str(), &st);
    std::printf("stored %d scans x %d findings: mean %.2f ms/scan, worst %.2f ms, %.0f findings/s; file %.1f MiB\n",
                scans, perScan, total / scans, worst, scans * perScan / (total / 1000.0),
                static_cast<double>(st.st_size) / 1048576.0);
    auto list = store->scans().list("", 2);
    bench::Stopwatch d;
    auto delta = store->scans().delta(list->at(1).id, list->at(0).id);
    std::printf("delta of the last two scans: %.2f ms (%zu new, %zu resolved, %zu unchanged)\n", d.ms(),
                delta->newFindings.size(), delta->resolved.size(), delta->unchanged);
    bench::Stopwatch t;
    auto trend = store->scans().trend("unix:///var/run/docker.sock", now - 90 * 86400);
    std::printf("90-day trend: %.2f ms (%zu days)\n", t.ms(), trend->size());
    bench::Stopwatch o;
    auto objectTrend = store->scans().objectTrend("unix:///var/run/docker.sock", "container-7", now - 90 * 86400);
    std::printf("90-day trend of one object: %.2f ms (%zu scans)\n", o.ms(), objectTrend->size());
    std::printf("peak RSS %ld KiB\n", bench::peakRssKb());
    return 0;
}
