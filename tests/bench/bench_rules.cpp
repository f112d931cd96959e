// Rule evaluation throughput over a synthetic inventory (default 10,000 containers and 1,000 images),
// with a realistic mix of risky and hardened settings. Prints time, findings/s and peak memory, then the time of
// the Fix first / Quick wins ranking over those findings.
#include "core/report/FixPriorities.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "tests/bench/BenchSupport.h"

#include <cstdio>
#include <string>

using namespace drydock;

namespace {

Inventory synthetic(int containers, int images)
{
    Inventory inv;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.daemon.securityOptions = {"name=seccomp,profile=default"};
    inv.daemon.loggingDriver = "json-file";
    inv.daemon.serverVersion = "20.10.24+dfsg1";
    for (int i = 0; i < images; ++i) {
        Image img;
        img.id = "sha256:" + std::to_string(100000 + i);
        img.repoTags = {"app" + std::to_string(i) + ":latest"};
        img.createdUnix = 1700000000;
        img.config.env = {"PATH=/usr/bin", "API_KEY=AKIAABCDEFGHIJKLMNOP"};
        for (int h = 0; h < 8; ++h) {
            img.history.push_back({"", 1700000000, "/bin/sh -c apt-get update && apt-get install -y curl", {}, 0, ""});
        }
        inv.images.push_back(img);
    }
    for (int i = 0; i < containers; ++i) {
        Container c;
        c.id = "c" + std::to_string(i);
        c.name = "container-" + std::to_string(i);
        c.imageId = inv.images[static_cast<std::size_t>(i % images)].id;
        c.config.image = inv.images[static_cast<std::size_t>(i % images)].repoTags[0];
        c.config.env = {"PATH=/usr/bin", "DB_PASSWORD=hunter2hunter2", "MODE=prod"};
        c.config.cmd = {"/app/server", "--port", "8080"};
        c.state.status = "running";
        c.state.running = true;
        c.hostConfig.networkMode = "default";
        c.hostConfig.privileged = i % 50 == 0;
        if (i % 3 == 0) {
            c.hostConfig.capAdd = {"CAP_NET_ADMIN"};
        }
        c.hostConfig.portBindings = {{"8080/tcp", {{"", std::to_string(10000 + i)}}}};
        c.mounts = {{"bind", "", "/srv/data", "/data", "", "", "rprivate", true}};
        c.hostConfig.maskedPaths = StringList{"/proc/kcore"};
        inv.containers.push_back(c);
    }
    return inv;
}

} // namespace

int main(int argc, char** argv)
{
    const int containers = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int images = argc > 2 ? std::atoi(argv[2]) : 1000;
    const Inventory inv = synthetic(containers, images);
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const RuleEngine engine(catalogue);
    bench::Stopwatch sw;
    const FindingSet set = engine.evaluate(inv, ScanSettings{}, 1800000000);
    const double ms = sw.ms();
    std::printf("rules %zu  containers %d  images %d\n", catalogue.size(), containers, images);
    std::printf("evaluate + remediate: %.1f ms  findings %zu  (%.0f findings/s, %.0f containers/s)  peak RSS %ld KiB\n",
                ms, set.size(), set.size() / (ms / 1000.0), containers / (ms / 1000.0), bench::peakRssKb());
    // The ranking the dashboard computes on the GUI thread for every scan it shows, and the report's summary.
    ScanResult scan;
    scan.findings = set;
    const bench::Stopwatch ranking;
    const FixPriorities priorities = computeFixPriorities(scan, catalogue);
    std::printf("fix first + quick wins: %.1f ms  (%zu risks, the first on %zu objects)\n", ranking.ms(),
                priorities.fixFirst.size(), priorities.fixFirst.empty() ? 0 : priorities.fixFirst[0].objects.size());
    return 0;
}
