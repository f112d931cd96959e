#include "app/cli/FleetScan.h"

#include "app/cli/ExitCode.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/ReportOutput.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/docker/ContextResolver.h"
#include "core/docker/EndpointStore.h"
#include "core/results/FleetSummary.h"
#include "core/scan/FleetScanner.h"
#include "core/scan/ScanRecorder.h"

#include <cstdio>
#include <mutex>

namespace drydock::app {

namespace {

// One line per stage change on stderr, so a person (or a CI log) sees which endpoint is where.
class StderrFleetProgress final : public FleetProgress
{
public:
    void endpointStage(std::size_t, const FleetTarget& target, const std::string& stage,
                       const std::string& detail) override
    {
        const std::lock_guard lock(m_mutex);
        std::fprintf(stderr, "[%s] %s%s%s\n", terminalText(target.name, 100).c_str(), stage.c_str(),
                     detail.empty() ? "" : (stage == "unreachable" ? ": " : " "),
                     terminalText(detail, 600).c_str());
        std::fflush(stderr);
    }

private:
    std::mutex m_mutex;
};

std::optional<std::vector<FleetTarget>> collectTargets(const ParsedArgs& args, std::string& error)
{
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    std::vector<FleetTarget> targets;
    for (const auto& host : args.all("--host")) {
        auto e = resolver.resolve(host, "");
        if (!e) {
            error = e.error().message;
            return std::nullopt;
        }
        targets.push_back({e->display(), e.value()});
    }
    for (const auto& context : args.all("--context")) {
        auto e = resolver.resolve("", context);
        if (!e) {
            error = e.error().message;
            return std::nullopt;
        }
        targets.push_back({"context " + context, e.value()});
    }
    if (args.has("--fleet")) {
        const EndpointStore store(args.last("--endpoints-file").value_or(EndpointStore::defaultPath()));
        auto saved = store.load();
        if (!saved) {
            error = saved.error().message;
            return std::nullopt;
        }
        if (saved->empty()) {
            error = "--fleet scans the saved endpoints, and none are saved in " + store.path() +
                    " — add some with `drydock endpoints add NAME --host URI` or `drydock endpoints "
                    "import-contexts`";
            return std::nullopt;
        }
        for (const auto& s : saved.value()) {
            auto e = EndpointStore::resolve(s, resolver);
            if (!e) {
                error = "saved endpoint \"" + s.name + "\": " + e.error().message;
                return std::nullopt;
            }
            targets.push_back({s.name, e.value()});
        }
    }
    return targets;
}

} // namespace

bool isFleetScan(const ParsedArgs& args)
{
    return args.has("--fleet") || args.all("--host").size() + args.all("--context").size() > 1;
}

int runFleetScan(const ParsedArgs& args, const ScanSettings& settings, std::optional<Severity> failOn,
                 std::optional<Severity> failOnNew,
                 const std::vector<std::pair<ReportFormat, std::string>>& outputs)
{
    for (const auto& [format, path] : outputs) {
        if (!isOneOf(format, fleetReportFormats())) {
            std::fprintf(
                stderr,
                "drydock: a fleet scan writes %s; for %s, run `drydock report SCAN_ID` on each stored scan\n",
                formatNames(fleetReportFormats()).c_str(), toString(format));
            return ExitUsage;
        }
    }
    if (const auto b = args.last("--baseline"); b && *b != "last") {
        std::fprintf(
            stderr,
            "drydock: a fleet scan compares each endpoint with its own last scan: use --baseline last\n");
        return ExitUsage;
    }
    std::string error;
    const auto targets = collectTargets(args, error);
    if (!targets) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    std::unique_ptr<HistoryStore> history;
    if (!args.has("--no-history")) {
        auto store = openHistory(args);
        if (!store) {
            std::fprintf(stderr, "drydock: %s\n(use --no-history to scan without storing)\n",
                         store.error().message.c_str());
            return ExitLocalError;
        }
        history = std::move(store.value());
    }

    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const SystemClock clock;
    StderrFleetProgress progress;
    std::vector<FleetEntry> entries =
        FleetScanner(catalogue, clock).scan(*targets, settings, progress, CancelToken());

    // Waivers, storage and deltas per endpoint, on this thread: SQLite is used from one thread only.
    auto recorded = ScanRecorder(history.get()).recordFleet(entries);
    if (!recorded) {
        std::fprintf(stderr, "drydock: %s\n", recorded.error().message.c_str());
        return ExitLocalError;
    }
    const FleetSummary& summary = recorded->summary;
    for (const auto& [format, path] : outputs) {
        auto written = writeFleetReport(format, path, summary, clock.nowUnix());
        if (!written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }

    if (summary.unreachable > 0) {
        std::fprintf(stderr,
                     "drydock: %d of %zu endpoint(s) could not be scanned (see above); the others were %s.\n",
                     summary.unreachable, summary.endpoints.size(), history ? "stored" : "reported");
        return ExitDaemon;
    }
    for (const auto& e : entries) {
        if (failOn && e.result->findings.countAtOrAbove(*failOn) > 0) {
            return ExitFindings;
        }
    }
    if (failOnNew) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            // No earlier scan of an endpoint: every finding counts as new, as for a single scan.
            const auto& delta = recorded->records[i].delta;
            const auto& fresh = delta ? delta->newFindings : entries[i].result->findings.all();
            for (const auto& f : fresh) {
                if (!f.waiver && f.severity >= *failOnNew) {
                    return ExitFindings;
                }
            }
        }
    }
    return ExitOk;
}

} // namespace drydock::app
