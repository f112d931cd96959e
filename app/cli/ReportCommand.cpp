#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/ReportOutput.h"
#include "core/common/Clock.h"
#include "core/report/ReportTrend.h"
#include "core/report/ScanFromStored.h"
#include "core/store/FleetHistory.h"

#include <algorithm>
#include <cstdio>

namespace drydock::app {

namespace {

// `report --fleet`: every endpoint's latest stored scan side by side, the dashboard's fleet view.
int fleetReport(const ParsedArgs& args, const std::vector<std::string>& formats, const std::vector<std::string>& outputs)
{
    std::vector<ReportFormat> parsed;
    for (const auto& f : formats) {
        const auto format = parseReportFormat(f, fleetReportFormats());
        if (!format) {
            std::fprintf(stderr, "drydock: a fleet report is %s, not '%s'\n",
                         formatNames(fleetReportFormats()).c_str(), f.c_str());
            return ExitUsage;
        }
        parsed.push_back(*format);
    }
    const auto since = parseDuration(args.last("--since").value_or("90d"));
    if (!since) {
        std::fprintf(stderr, "drydock: --since wants a duration such as 90d, 2w or 12h\n");
        return ExitUsage;
    }
    auto store = openHistory(args);
    if (!store) {
        std::fprintf(stderr, "drydock: %s\n", store.error().message.c_str());
        return ExitLocalError;
    }
    const std::int64_t now = SystemClock().nowUnix();
    auto fleet = FleetHistory::latest(store.value()->scans(), now - *since);
    if (!fleet) {
        std::fprintf(stderr, "drydock: %s\n", fleet.error().message.c_str());
        return ExitLocalError;
    }
    if (fleet->endpoints.empty()) {
        std::fprintf(stderr, "drydock: no endpoint was scanned in that time (see drydock history list)\n");
        return ExitUsage;
    }
    for (std::size_t i = 0; i < formats.size(); ++i) {
        if (auto written = writeFleetReport(parsed[i], outputs[i], fleet.value(), now); !written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }
    return ExitOk;
}

} // namespace

int runReport(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(reportSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(reportHelp().c_str(), stdout);
        return ExitOk;
    }
    const auto formats = args->all("--format");
    const auto outputs = args->all("--output");
    if (args->has("--fleet")) {
        if (args->has("--schema")) {
            std::fprintf(stderr, "drydock: %s\n", scanJsonSchemaOption(*args, false).error().message.c_str());
            return ExitUsage;
        }
        if (!args->positionals.empty() || formats.empty() || formats.size() != outputs.size()) {
            std::fprintf(stderr, "drydock: report --fleet takes no SCAN_ID and one --output per --format (see "
                                 "drydock report --help)\n");
            return ExitUsage;
        }
        return fleetReport(*args, formats, outputs);
    }
    if (args->positionals.empty() || formats.empty() || formats.size() != outputs.size()) {
        std::fprintf(stderr, "drydock: report wants SCAN_ID and one --output per --format (see drydock report --help)\n");
        return ExitUsage;
    }
    std::vector<ReportFormat> parsed;
    for (const auto& f : formats) {
        const auto format = parseReportFormat(f);
        if (!format) {
            std::fprintf(stderr, "drydock: %s\n", format.error().message.c_str());
            return ExitUsage;
        }
        parsed.push_back(*format);
    }
    const auto jsonSchema =
        scanJsonSchemaOption(*args, std::find(parsed.begin(), parsed.end(), ReportFormat::Json) != parsed.end());
    if (!jsonSchema) {
        std::fprintf(stderr, "drydock: %s\n", jsonSchema.error().message.c_str());
        return ExitUsage;
    }
    const auto cisVersion = cisVersionOption(*args);
    if (!cisVersion) {
        std::fprintf(stderr, "drydock: %s\n", cisVersion.error().message.c_str());
        return ExitUsage;
    }
    const std::string& idText = args->positionals[0];
    if (idText.empty() || idText.size() > 18 || idText.find_first_not_of("0123456789") != std::string::npos) {
        std::fprintf(stderr, "drydock: '%s' is not a scan id (see drydock history list)\n", idText.c_str());
        return ExitUsage;
    }
    const std::int64_t scanId = std::stoll(idText);
    auto store = openHistory(*args);
    if (!store) {
        std::fprintf(stderr, "drydock: %s\n", store.error().message.c_str());
        return ExitLocalError;
    }
    auto stored = store.value()->scans().load(scanId);
    if (!stored) {
        std::fprintf(stderr, "drydock: %s\n", stored.error().message.c_str());
        return stored.error().code == ErrorCode::NotFound ? ExitUsage : ExitLocalError;
    }
    // A stored scan has findings and counts but no inventory: the report says what it can from the summary.
    const ScanResult scan = scanFromStored(stored.value());
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ReportData report;
    report.scan = &scan;
    report.catalogue = &catalogue;
    report.scanId = scanId;
    report.objectCount = stored->summary.objects();
    report.includeWaived = !args->has("--no-waived");
    report.includeRemediation = !args->has("--no-remediation");
    report.jsonSchema = *jsonSchema;
    // The stored references are translated as the report is written; the coverage takes the stored counts.
    report.cisVersion = *cisVersion;
    report.benchmark = storedCoverage(stored.value(), scan, catalogue, *cisVersion);
    const auto detail = reportDetailOption(*args);
    if (!detail) {
        std::fprintf(stderr, "drydock: %s\n", detail.error().message.c_str());
        return ExitUsage;
    }
    report.detail = *detail;
    if (const auto baseline = args->last("--baseline")) {
        std::optional<std::int64_t> baselineId;
        if (*baseline == "previous" || *baseline == "last") {
            auto prev = store.value()->scans().latest(scan.inventory.endpoint, scanId);
            if (prev && prev.value()) {
                baselineId = *prev.value();
            }
        } else if (!baseline->empty() && baseline->size() < 18 &&
                   baseline->find_first_not_of("0123456789") == std::string::npos) {
            baselineId = std::stoll(*baseline);
        } else {
            std::fprintf(stderr, "drydock: --baseline wants previous or a scan id\n");
            return ExitUsage;
        }
        if (baselineId) {
            auto delta = store.value()->scans().delta(*baselineId, scanId);
            if (!delta) {
                std::fprintf(stderr, "drydock: %s\n", delta.error().message.c_str());
                return ExitUsage;
            }
            report.delta = std::move(delta.value());
            report.baselineScanId = *baselineId;
        }
    }
    report.scoreTrend = storedScoreTrend(store.value()->scans(), scan.inventory.endpoint, scanId, report.baselineScanId);
    for (std::size_t i = 0; i < formats.size(); ++i) {
        auto written = writeReport(parsed[i], outputs[i], report, args->has("--verbose"));
        if (!written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }
    return ExitOk;
}

} // namespace drydock::app
