#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/FleetScan.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/OutputFile.h"
#include "app/cli/ReportOutput.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/host/HostFixScript.h"
#include "core/report/ReportTrend.h"
#include "core/report/ScanJson.h"
#include "core/report/TextReport.h"
#include "core/scan/ScanRecorder.h"
#include "core/scan/Scanner.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace drydock::app {

namespace {

bool applySettings(const ParsedArgs& args, ScanSettings& settings, ContentScanOptions& contents, std::string& error)
{
    for (const auto& spec : args.all("--rule-severity")) {
        const auto eq = spec.find('=');
        const auto sev = eq == std::string::npos ? std::nullopt : severityFromString(spec.substr(eq + 1));
        if (!sev || eq == 0) {
            error = "--rule-severity wants ID=SEVERITY, e.g. IMG-007=info (got '" + spec + "')";
            return false;
        }
        settings.severityOverrides[toUpper(trim(spec.substr(0, eq)))] = *sev;
    }
    for (const auto& list : args.all("--only")) {
        for (const auto& word : split(list, ',')) {
            const auto area = areaFromString(word);
            if (!area) {
                error = "unknown area '" + word +
                        "' (use image, container, runtime, network, secrets, daemon, swarm, host)";
                return false;
            }
            settings.onlyAreas.insert(*area);
        }
    }
    contents.images = args.all("--image");
    contents.vulnDbPath = args.last("--vuln-db").value_or("");
    contents.trivyReports = args.all("--import-trivy");
    contents.grypeReports = args.all("--import-grype");
    contents.runTrivy = args.has("--run-trivy");
    contents.runGrype = args.has("--run-grype");
    contents.enabled = args.has("--contents");
    const bool contentOption = !contents.images.empty() || !contents.vulnDbPath.empty() ||
                               !contents.trivyReports.empty() || !contents.grypeReports.empty() ||
                               contents.runTrivy || contents.runGrype;
    if (contentOption && !contents.enabled) {
        error = "--image, --vuln-db, --import-trivy, --import-grype, --run-trivy and --run-grype need --contents";
        return false;
    }
    return true;
}

} // namespace

int runScan(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(scanSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(scanHelp().c_str(), stdout);
        return ExitOk;
    }
    const auto cisVersion = cisVersionOption(*args);
    if (!cisVersion) {
        std::fprintf(stderr, "drydock: %s\n", cisVersion.error().message.c_str());
        return ExitUsage;
    }
    if (args->has("--list-rules")) {
        // The catalogue as a Markdown table: the README's table of practices and rules is generated from it.
        // Its CIS column shows the --cis version's ids ("–" where that version has no such recommendation).
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        std::string table = "| Rule | Area | Default severity | CIS Docker Benchmark | Practice | Check |\n"
                            "|---|---|---|---|---|---|\n";
        for (const auto& rule : catalogue.rules()) {
            const RuleInfo& i = rule->info();
            auto cell = [](std::string text) { return replaceAll(replaceAll(std::move(text), "|", "\\|"), "\n", " "); };
            table += "| " + i.id + " | " + displayName(i.area) + " | " + toString(i.defaultSeverity) + " | " +
                     [&] {
                         const CisReference cis = translateCis(i.cis, *cisVersion);
                         return cis.id.empty() ? std::string("–") : cis.version + " " + cis.id;
                     }() +
                     " | " + cell(i.practice) + " | " + cell(i.title) + " |\n";
        }
        return writeOutput(args->last("--output").value_or("-"), table) ? ExitOk : ExitLocalError;
    }
    const auto outputs = outputRequests(*args, error);
    ScanSettings settings;
    ContentScanOptions contentOptions;
    std::optional<Severity> failOn;
    if (const auto f = args->last("--fail-on")) {
        failOn = severityFromString(*f);
        if (!failOn) {
            error = "--fail-on wants critical, high, medium, low or info (got '" + *f + "')";
        }
    }
    std::optional<Severity> failOnNew;
    if (const auto f = args->last("--fail-on-new")) {
        failOnNew = severityFromString(*f);
        if (!failOnNew) {
            error = "--fail-on-new wants critical, high, medium, low or info (got '" + *f + "')";
        } else if (!args->has("--baseline")) {
            error = "--fail-on-new needs --baseline last|SCAN_ID";
        }
    }
    if (args->has("--no-history") && args->has("--baseline")) {
        error = "--baseline reads the history; it cannot be combined with --no-history";
    }
    if (!outputs || !error.empty() || !applySettings(*args, settings, contentOptions, error)) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    const bool writesJson = std::any_of(outputs->begin(), outputs->end(),
                                        [](const OutputRequest& o) { return o.format == ReportFormat::Json; });
    const auto jsonSchema = scanJsonSchemaOption(*args, writesJson && !isFleetScan(*args));
    if (!jsonSchema) {
        std::fprintf(stderr, "drydock: %s\n", jsonSchema.error().message.c_str());
        return ExitUsage;
    }
    const auto detail = reportDetailOption(*args);
    if (!detail) {
        std::fprintf(stderr, "drydock: %s\n", detail.error().message.c_str());
        return ExitUsage;
    }

    // Local inputs of content analysis are checked before the daemon is asked anything.
    for (const auto& file : [&] {
             auto files = contentOptions.trivyReports;
             files.insert(files.end(), contentOptions.grypeReports.begin(), contentOptions.grypeReports.end());
             if (!contentOptions.vulnDbPath.empty()) {
                 files.push_back(contentOptions.vulnDbPath);
             }
             return files;
         }()) {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            std::fprintf(stderr, "drydock: %s does not exist\n", file.c_str());
            return ExitLocalError;
        }
    }

    if (isFleetScan(*args)) {
        std::vector<std::pair<ReportFormat, std::string>> fleetOutputs;
        for (const auto& out : *outputs) {
            fleetOutputs.emplace_back(out.format, out.path);
        }
        return runFleetScan(*args, settings, failOn, failOnNew, fleetOutputs);
    }
    // Open the history first: a damaged database is reported before the daemon is asked anything.
    std::unique_ptr<HistoryStore> history;
    if (!args->has("--no-history")) {
        auto store = openHistory(*args);
        if (!store) {
            std::fprintf(stderr, "drydock: %s\n(use --no-history to scan without storing)\n",
                         store.error().message.c_str());
            return ExitLocalError;
        }
        history = std::move(store.value());
    }
    auto client = connectFromArgs(*args);
    if (!client) {
        std::fprintf(stderr, "drydock: %s\n", client.error().message.c_str());
        return ExitDaemon;
    }
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const SystemClock clock;
    Scanner scanner(*client.value(), catalogue, clock);
    scanner.setContentOptions(contentOptions);
    HostScanOptions hostOptions;
    hostOptions.enabled = !args->has("--no-host-checks");
    // Tests plant a host's files in a directory; not an option people see.
    if (const char* root = std::getenv("DRYDOCK_HOST_ROOT"); root != nullptr && *root != '\0') {
        hostOptions.root = root;
    }
    scanner.setHostOptions(hostOptions);
    NullProgressSink progress;
    auto result = scanner.scan(settings, progress, CancelToken());
    if (!result) {
        std::fprintf(stderr, "drydock: %s\n", result.error().message.c_str());
        return ExitDaemon;
    }
    ScanResult& scan = result.value();
    for (const auto& problem : scan.inventory.problems) {
        if (problem.objectType == "host") {
            // The scan goes on without the host checks; their benchmark items say the same reason.
            std::fprintf(stderr, "drydock: host checks skipped: %s\n", problem.message.c_str());
        }
    }
    // --baseline last (or none): the previous stored scan of this endpoint; --baseline ID: that scan.
    std::optional<std::int64_t> baselineId;
    const auto baseline = args->last("--baseline");
    if (baseline && *baseline != "last") {
        if (baseline->find_first_not_of("0123456789") != std::string::npos || baseline->empty() ||
            baseline->size() >= 18) {
            std::fprintf(stderr, "drydock: --baseline wants last or a scan id\n");
            return ExitUsage;
        }
        baselineId = std::stoll(*baseline);
    }
    auto recorded = ScanRecorder(history.get()).record(scan, baselineId);
    if (!recorded) {
        std::fprintf(stderr, "drydock: %s\n", recorded.error().message.c_str());
        return recorded.error().code == ErrorCode::Database ? ExitLocalError : ExitUsage;
    }
    std::optional<ScanDelta> delta;
    if (history && baseline) {
        if (recorded->baselineScanId) {
            delta = std::move(recorded->delta);
            std::fprintf(stderr, "Since scan %lld: %zu new, %zu resolved, %zu unchanged finding(s).\n",
                         static_cast<long long>(*recorded->baselineScanId), delta->newFindings.size(),
                         delta->resolved.size(), delta->unchanged);
        } else {
            std::fprintf(stderr, "No earlier scan of %s: every finding counts as new.\n",
                         scan.inventory.endpoint.c_str());
            delta = ScanDelta::compute(std::vector<Finding>{}, scan.findings.all());
        }
    }
    ReportData report;
    report.scan = &scan;
    report.catalogue = &catalogue;
    report.scanId = recorded->scanId;
    report.jsonSchema = *jsonSchema;
    // Only the outputs show the chosen version: the history above got the rules' own references.
    report.cisVersion = *cisVersion;
    if (delta) {
        report.delta = delta;
        report.baselineScanId = recorded->baselineScanId.value_or(0);
    }
    report.detail = *detail;
    if (history && recorded->scanId > 0) {
        report.scoreTrend = storedScoreTrend(history->scans(), scan.inventory.endpoint, recorded->scanId,
                                             report.baselineScanId);
    }
    if (const auto script = args->last("--host-fix-script")) {
        if (auto written = writeOutput(*script, hostFixScript(scan)); !written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }
    for (const auto& out : *outputs) {
        auto written = writeReport(out.format, out.path, report, args->has("--verbose"));
        if (!written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }
    if (failOn && scan.findings.countAtOrAbove(*failOn) > 0) {
        return ExitFindings;
    }
    if (failOnNew && delta) {
        int fresh = 0;
        for (const auto& f : delta->newFindings) {
            fresh += (!f.waiver && f.severity >= *failOnNew) ? 1 : 0;
        }
        if (fresh > 0) {
            return ExitFindings;
        }
    }
    return ExitOk;
}

} // namespace drydock::app
