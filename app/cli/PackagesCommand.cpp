#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/OutputFile.h"
#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/contents/ContentAnalyzer.h"
#include "core/json/ContentJson.h"
#include "core/report/PackagesJson.h"

#include <cstdio>
#include <ctime>
#include <random>

namespace drydock::app {

namespace {

std::string randomUuid()
{
    std::random_device device;
    std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
    std::uniform_int_distribution<int> nibble(0, 15);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 32; ++i) {
        int v = nibble(generator);
        if (i == 12) {
            v = 4; // version 4
        } else if (i == 16) {
            v = 8 + (v & 3); // RFC 4122 variant
        }
        out += hex[v];
        if (i == 7 || i == 11 || i == 15 || i == 19) {
            out += '-';
        }
    }
    return out;
}

std::string column(std::string text, std::size_t width)
{
    text = terminalText(text, 200);
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text + " ";
}

std::string packagesText(const Image& image, const ImageContents& c)
{
    std::string out = "Image " + terminalText(image.displayName(), 200) + " (" + image.id + ")\n";
    out += "OS: " + (c.os.prettyName.empty() ? std::string("unknown") : terminalText(c.os.prettyName, 200)) +
           "\n";
    out += std::to_string(c.layers.size()) + " layer(s), " + std::to_string(c.files.size()) + " paths, " +
           std::to_string(c.bytesRead / (1024 * 1024)) + " MiB read\n\n";
    out += std::to_string(c.packages.size()) + " package(s)\n";
    for (const auto& p : c.packages) {
        out += "  " + column(p.name, 32) + column(p.version, 28) + column(p.arch, 8) +
               (p.sourceName != p.name ? "source " + terminalText(p.sourceName, 100) : std::string()) + "\n";
    }
    if (!c.vulnerabilities.empty()) {
        out += "\n" + std::to_string(c.vulnerabilities.size()) + " known vulnerabilit" +
               (c.vulnerabilities.size() == 1 ? "y" : "ies") + "\n";
        for (const auto& v : c.vulnerabilities) {
            out += "  " + column(v.id, 20) + column(v.package, 20) + column(v.installedVersion, 24) +
                   column(v.fixedVersion.empty() ? "(no fix)" : v.fixedVersion, 24) + column(v.severity, 8) +
                   terminalText(v.source, 10) + "\n";
        }
    }
    for (const auto& note : c.notes) {
        out += "Note: " + terminalText(note, 400) + "\n";
    }
    return out;
}

} // namespace

int runInventoryContents(const ParsedArgs& args)
{
    const bool sbom = args.has("--sbom");
    const std::string name = args.last(sbom ? "--sbom" : "--packages").value_or("");
    const std::string format = args.last("--format").value_or(sbom ? "cyclonedx" : "text");
    if (name.empty()) {
        std::fprintf(stderr, "drydock: --packages and --sbom want an image name or id\n");
        return ExitUsage;
    }
    if (sbom && format != "cyclonedx") {
        std::fprintf(stderr, "drydock: --sbom writes CycloneDX JSON; leave out --format\n");
        return ExitUsage;
    }
    if (!sbom && format != "text" && format != "json") {
        std::fprintf(stderr, "drydock: unknown format '%s' for --packages (use text or json)\n",
                     format.c_str());
        return ExitUsage;
    }
    if (sbom && !args.has("--output")) {
        std::fprintf(stderr, "drydock: --sbom needs --output FILE (use --output - for standard output)\n");
        return ExitUsage;
    }
    ContentScanOptions options;
    options.enabled = true;
    options.vulnDbPath = args.last("--vuln-db").value_or("");
    options.trivyReports = args.all("--import-trivy");
    options.grypeReports = args.all("--import-grype");
    options.runTrivy = args.has("--run-trivy");
    options.runGrype = args.has("--run-grype");
    auto client = connectFromArgs(args);
    if (!client) {
        std::fprintf(stderr, "drydock: %s\n", client.error().message.c_str());
        return ExitDaemon;
    }
    auto image = client.value()->inspectImage(name);
    if (!image) {
        std::fprintf(stderr, "drydock: %s\n", image.error().message.c_str());
        return ExitDaemon;
    }
    ContentAnalyzer analyzer(*client.value(), options);
    CancelToken cancel;
    if (auto ok = analyzer.prepare(cancel); !ok) {
        std::fprintf(stderr, "drydock: %s\n", ok.error().message.c_str());
        return ExitLocalError;
    }
    NullProgressSink progress;
    auto contents = analyzer.analyze(image.value(), progress, cancel);
    if (!contents) {
        std::fprintf(stderr, "drydock: %s\n", contents.error().message.c_str());
        return ExitDaemon;
    }
    std::string text;
    if (sbom) {
        text = json::writeCycloneDx(image.value(), contents.value(), randomUuid(),
                                    formatRfc3339(static_cast<std::int64_t>(std::time(nullptr))),
                                    DRYDOCK_VERSION);
    } else if (format == "json") {
        text = json::writePackagesJson(image.value(), contents.value());
    } else {
        text = packagesText(image.value(), contents.value());
    }
    auto written = writeOutput(args.last("--output").value_or("-"), text);
    if (!written) {
        std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
        return ExitLocalError;
    }
    return ExitOk;
}

} // namespace drydock::app
