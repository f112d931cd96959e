#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/OutputFile.h"
#include "app/cli/ReportOutput.h"
#include "core/common/Clock.h"
#include "core/report/BenchmarkReport.h"
#include "core/report/ScanFromStored.h"
#include "core/scan/Scanner.h"

#include <cstdio>

namespace drydock::app {

namespace {

int fail(int code, const std::string& message)
{
    std::fprintf(stderr, "drydock: %s\n", message.c_str());
    return code;
}

} // namespace

int runBenchmark(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(benchmarkSpec(), words, error);
    if (!args) {
        return fail(ExitUsage, error);
    }
    if (args->wantsHelp()) {
        std::fputs(benchmarkHelp().c_str(), stdout);
        return ExitOk;
    }
    const auto version = cisVersionOption(*args);
    if (!version) {
        return fail(ExitUsage, version.error().message);
    }
    const std::string format = args->last("--format").value_or("text");
    if (format != "text" && format != "json") {
        return fail(ExitUsage, "unknown format '" + format + "' for benchmark (use text or json)");
    }
    const auto scanIdText = args->last("--scan");
    if (scanIdText && (args->has("--host") || args->has("--context"))) {
        return fail(ExitUsage, "--scan reads a stored scan: it takes no --host or --context");
    }
    if (!scanIdText && args->has("--db")) {
        return fail(ExitUsage, "--db is where --scan SCAN_ID is read from: give --scan too");
    }
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ScanResult scan;
    std::int64_t scanId = 0;
    BenchmarkCoverage coverage;
    if (scanIdText) {
        if (scanIdText->empty() || scanIdText->size() > 18 ||
            scanIdText->find_first_not_of("0123456789") != std::string::npos) {
            return fail(ExitUsage, "--scan wants a scan id (see drydock history list)");
        }
        scanId = std::stoll(*scanIdText);
        auto store = openHistory(*args);
        if (!store) {
            return fail(ExitLocalError, store.error().message);
        }
        auto stored = store.value()->scans().load(scanId);
        if (!stored) {
            return fail(stored.error().code == ErrorCode::NotFound ? ExitUsage : ExitLocalError,
                        stored.error().message);
        }
        scan = scanFromStored(stored.value());
        coverage = storedCoverage(stored.value(), scan, catalogue, *version);
    } else {
        // A scan like `drydock scan --no-history`: read-only, nothing stored.
        auto client = connectFromArgs(*args);
        if (!client) {
            return fail(ExitDaemon, client.error().message);
        }
        const SystemClock clock;
        Scanner scanner(*client.value(), catalogue, clock);
        NullProgressSink progress;
        auto result = scanner.scan(ScanSettings{}, progress, CancelToken());
        if (!result) {
            return fail(ExitDaemon, result.error().message);
        }
        scan = std::move(result.value());
        coverage = benchmarkCoverage(scan, catalogue, *version);
    }
    const std::string text =
        format == "json" ? benchmarkToJson(coverage, scan, scanId) : benchmarkText(coverage, scan, scanId);
    auto written = writeOutput(args->last("--output").value_or("-"), text);
    if (!written) {
        return fail(ExitLocalError, written.error().message);
    }
    return ExitOk;
}

} // namespace drydock::app
