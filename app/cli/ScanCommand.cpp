#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/OutputFile.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/json/ScanJson.h"
#include "core/report/TextReport.h"
#include "core/scan/Scanner.h"

#include <cstdio>

namespace drydock::app {

namespace {

struct OutputRequest
{
    std::string format;
    std::string path;
};

bool knownFormat(const std::string& f) { return f == "text" || f == "json"; }

// Pairs every --format with the --output at the same position; a lone --format goes to stdout.
std::optional<std::vector<OutputRequest>> outputRequests(const ParsedArgs& args, std::string& error)
{
    const auto formats = args.all("--format");
    const auto outputs = args.all("--output");
    std::vector<OutputRequest> requests;
    if (formats.empty()) {
        requests.push_back({"text", outputs.empty() ? "-" : outputs.front()});
        if (outputs.size() > 1) {
            error = "several --output need one --format each";
            return std::nullopt;
        }
        return requests;
    }
    if (outputs.size() > formats.size() || (formats.size() > 1 && outputs.size() != formats.size())) {
        error = "give one --output per --format when writing several formats";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < formats.size(); ++i) {
        if (!knownFormat(formats[i])) {
            error = "unknown format '" + formats[i] + "' (use text or json)";
            return std::nullopt;
        }
        requests.push_back({formats[i], i < outputs.size() ? outputs[i] : "-"});
    }
    return requests;
}

bool applySettings(const ParsedArgs& args, ScanSettings& settings, std::string& error)
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
                error = "unknown area '" + word + "' (use image, container, runtime, network, secrets, daemon, swarm)";
                return false;
            }
            settings.onlyAreas.insert(*area);
        }
    }
    return true;
}

} // namespace

int runScan(const std::vector<std::string>& words)
{
    const CommandSpec spec{"scan",
                           {"--host", "--context", "--format", "--output", "--fail-on", "--rule-severity", "--only"},
                           {"--help", "-h", "--verbose"},
                           0};
    std::string error;
    const auto args = ArgParser::parse(spec, words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->has("--help") || args->has("-h")) {
        std::fputs(scanHelp().c_str(), stdout);
        return ExitOk;
    }
    const auto outputs = outputRequests(*args, error);
    ScanSettings settings;
    std::optional<Severity> failOn;
    if (const auto f = args->last("--fail-on")) {
        failOn = severityFromString(*f);
        if (!failOn) {
            error = "--fail-on wants critical, high, medium, low or info (got '" + *f + "')";
        }
    }
    if (!outputs || !error.empty() || !applySettings(*args, settings, error)) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }

    auto client = connectFromArgs(*args);
    if (!client) {
        std::fprintf(stderr, "drydock: %s\n", client.error().message.c_str());
        return ExitDaemon;
    }
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const SystemClock clock;
    Scanner scanner(*client.value(), catalogue, clock);
    NullProgressSink progress;
    auto result = scanner.scan(settings, progress, CancelToken());
    if (!result) {
        std::fprintf(stderr, "drydock: %s\n", result.error().message.c_str());
        return ExitDaemon;
    }
    for (const auto& out : *outputs) {
        const std::string text = out.format == "json" ? json::scanToJson(result.value())
                                                      : TextReport::scan(result.value(), args->has("--verbose"));
        auto written = writeOutput(out.path, text);
        if (!written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            return ExitLocalError;
        }
    }
    if (failOn && result.value().findings.countAtOrAbove(*failOn) > 0) {
        return ExitFindings;
    }
    return ExitOk;
}

} // namespace drydock::app
