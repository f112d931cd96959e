// A year of daily scans in the history: DAYS scans (365) of one endpoint with CONTAINERS containers (2,000)
// and about 13 findings each, a few containers changing every day, stored and compared the way `drydock scan`
// does it (ScanRecorder: waivers, save, delta against the endpoint's previous scan). Prints, at scans 1, 30,
// 90 and the last: the database size, what the last scan added to it, and the save and delta times.
// Issue #19's targets: under 100 KB added per 3,000 unchanged findings, save and delta independent of the
// history's length.
//   bench_history_year [DAYS] [CONTAINERS]
#include "core/scan/ScanRecorder.h"
#include "tests/bench/BenchHistory.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

using namespace drydock;

namespace {

constexpr std::int64_t kStart = 1800000000;
constexpr std::array kRules = {"CTR-001", "CTR-004", "CTR-012", "RUN-001", "RUN-002", "RUN-003", "RUN-005",
                               "RUN-007", "RUN-010", "NET-001", "NET-004", "SEC-001", "CTR-023"};

// One container's findings on a given day: the same rules every day, except that one thirtieth of the fleet
// (a different part each day) is without one of its findings that day, so every scan resolves a few findings
// and brings back those of the day before. Containers are recreated on their day too (new ids).
void addContainerFindings(std::vector<Finding>& out, int container, int day)
{
    const int generation = (container % 30 == day % 30) ? day : 0;
    const std::string name = "app-" + std::to_string(container);
    const std::string id = "c" + std::to_string(container) + "g" + std::to_string(generation);
    const std::string run =
        "docker run -d \\\n  --name " + name +
        " \\\n  --user 10001 \\\n  --cap-drop ALL \\\n  --read-only \\\n  --tmpfs /tmp \\\n"
        "  --security-opt no-new-privileges:true \\\n  --memory 512m \\\n  --pids-limit 200 \\\n"
        "  --restart on-failure:5 \\\n  -p 127.0.0.1:8080:80 \\\n  registry.example/team/" +
        name + ":1.4.2";
    const std::string compose = "services:\n  " + name +
                                ":\n    image: registry.example/team/app:1.4.2\n    user: \"10001\"\n"
                                "    cap_drop: [ALL]\n    read_only: true\n    tmpfs: [/tmp]\n"
                                "    security_opt: [\"no-new-privileges:true\"]\n    mem_limit: 512m\n"
                                "    pids_limit: 200\n";
    for (std::size_t r = 0; r < kRules.size(); ++r) {
        if (generation != 0 && r == static_cast<std::size_t>(day) % kRules.size()) {
            continue;
        }
        Finding f;
        f.ruleId = kRules[r];
        f.area = static_cast<Area>(r % 5);
        f.severity = static_cast<Severity>(r % 5);
        f.object = {ObjectType::Container, id, name};
        f.title = "A title that is about this long for a finding of this rule";
        f.evidence = "HostConfig.CapAdd contains CAP_NET_ADMIN; HostConfig.Privileged is false";
        f.rationale =
            "Rule rationale text, a couple of sentences long, the same for every finding of the rule. "
            "It explains what an attacker gains.";
        f.fix = "Rule fix text in plain language, one or two sentences.";
        f.remediation.addFlags = {"--cap-drop ALL", "--read-only"};
        f.remediation.runCommand = run;
        f.remediation.compose = compose;
        out.push_back(std::move(f));
    }
}

} // namespace

int main(int argc, char** argv)
{
    const int days = argc > 1 ? std::atoi(argv[1]) : 365;
    const int containers = argc > 2 ? std::atoi(argv[2]) : 2000;
    bench::TempHistory history("history-year");
    if (!history.store()) {
        return 1;
    }
    std::printf("%d daily scans of %d containers (%zu findings each)\n", days, containers,
                static_cast<std::size_t>(containers) * kRules.size());
    ScanRecorder recorder(history.store());
    long afterFirst = 0;
    std::vector<double> recent; // save + delta of the last scans: one scan alone may carry a WAL checkpoint
    for (int day = 1; day <= days; ++day) {
        ScanResult scan;
        scan.startedAtUnix = kStart + static_cast<std::int64_t>(day) * 86400;
        scan.finishedAtUnix = scan.startedAtUnix + 30;
        scan.catalogueVersion = "bench";
        scan.inventory.endpoint = "unix:///var/run/docker.sock";
        std::vector<Finding> findings;
        findings.reserve(static_cast<std::size_t>(containers) * kRules.size());
        for (int c = 0; c < containers; ++c) {
            addContainerFindings(findings, c, day);
        }
        scan.findings = FindingSet(std::move(findings));
        bench::Stopwatch sw;
        auto record = recorder.record(scan);
        recent.push_back(sw.ms());
        if (recent.size() > 9) {
            recent.erase(recent.begin());
        }
        std::vector<double> sorted = recent;
        std::sort(sorted.begin(), sorted.end());
        const double recordMs = sorted[sorted.size() / 2];
        if (!record) {
            std::fprintf(stderr, "scan %d: %s\n", day, record.error().message.c_str());
            return 1;
        }
        const long now = history.bytes();
        if (day == 1) {
            afterFirst = now;
        }
        if (day == 1 || day == 30 || day == 90 || day == days) {
            // Growth is averaged since scan 1: one scan's own growth depends on where the WAL stands.
            const double perScanKiB =
                day > 1 ? static_cast<double>(now - afterFirst) / 1024.0 / (day - 1) : 0.0;
            std::printf("scan %3d: database %.1f MiB, %.0f KiB per scan since scan 1, save + delta %.0f ms (median of the last 9) "
                        "(%zu new, %zu resolved)\n",
                        day, static_cast<double>(now) / 1048576.0, perScanKiB, recordMs,
                        record->delta ? record->delta->newFindings.size() : 0,
                        record->delta ? record->delta->resolved.size() : 0);
        }
    }
    std::printf("peak RSS %ld KiB\n", bench::peakRssKb());
    return 0;
}
