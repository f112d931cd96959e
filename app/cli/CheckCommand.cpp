// `drydock check`: reviews the compose files and Dockerfiles people keep in repositories, without a daemon,
// prints the findings with their file, line and column, and shows (--diff) or writes (--fix) the fixes.
#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitCode.h"
#include "app/cli/OutputFile.h"
#include "app/cli/ReportOutput.h"
#include "core/files/FixWriter.h"
#include "core/files/ProjectReview.h"
#include "core/report/CheckTextReport.h"
#include "core/rules/RuleCatalogue.h"

#include <algorithm>
#include <cstdio>

extern char** environ;

namespace drydock::app {

namespace {

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos && eq > 0) {
            env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
        }
    }
    return env;
}

// Writes every fix; a file that cannot be written is named on stderr and the others go on.
bool writeFixes(const ProjectReview& review)
{
    bool ok = true;
    int written = 0;
    for (const auto& file : review.files) {
        if (!file.fixedText) {
            continue;
        }
        const auto backup = writeFixToFile(file.path, file.originalText, *file.fixedText);
        if (!backup) {
            std::fprintf(stderr, "drydock: %s\n", backup.error().message.c_str());
            ok = false;
            continue;
        }
        ++written;
        std::fprintf(stderr, "fixed %s (%zu rule%s; the file as it was: %s)\n", file.path.c_str(),
                     file.fixedRuleIds.size(), file.fixedRuleIds.size() == 1 ? "" : "s", backup->c_str());
    }
    if (written == 0 && ok) {
        std::fprintf(stderr, "nothing to fix automatically\n");
    }
    return ok;
}

} // namespace

int runCheck(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(checkSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(checkHelp().c_str(), stdout);
        return ExitOk;
    }
    auto outputs = outputRequests(*args, error);
    std::optional<Severity> failOn;
    if (const auto f = args->last("--fail-on")) {
        failOn = severityFromString(*f);
        if (!failOn) {
            error = "--fail-on wants critical, high, medium, low or info (got '" + *f + "')";
        }
    }
    const bool diff = args->has("--diff");
    const bool fix = args->has("--fix");
    if (diff && fix) {
        error = "--diff shows the fixes and --fix writes them: give one";
    }
    const auto detail = reportDetailOption(*args);
    if (!detail) {
        error = detail.error().message;
    }
    // --diff and --fix keep standard output for the patch alone: without --format, the findings go to stderr.
    const bool findingsToStderr = (diff || fix) && args->all("--format").empty() && args->all("--output").empty();
    if (outputs && findingsToStderr) {
        outputs->clear();
    }
    if (outputs && diff) {
        for (const auto& out : *outputs) {
            if (out.path == "-") {
                error = "--diff writes the patch to standard output: give each --format an --output";
            }
        }
    }
    if (!outputs || !error.empty()) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    const auto cisVersion = cisVersionOption(*args);
    if (!cisVersion) {
        std::fprintf(stderr, "drydock: %s\n", cisVersion.error().message.c_str());
        return ExitUsage;
    }

    ProjectReviewOptions options;
    options.discovery.composeFiles = args->all("--file");
    for (const auto& f : args->all("-f")) {
        options.discovery.composeFiles.push_back(f);
    }
    options.discovery.paths = args->positionals;
    if (options.discovery.paths.empty() && options.discovery.composeFiles.empty()) {
        options.discovery.paths = {"."};
    }
    options.discovery.excludes = args->all("--exclude");
    options.discovery.honourGitignore = !args->has("--no-gitignore");
    options.environment = processEnvironment();
    auto review = reviewProject(options);
    if (!review) {
        std::fprintf(stderr, "drydock: %s\n", review.error().message.c_str());
        return review.error().code == ErrorCode::NotFound ? ExitUsage : ExitLocalError;
    }

    if (diff) {
        // Secret values stay masked here too: a terminal or a CI log is an output like any other.
        std::vector<std::string> masked;
        for (const auto& file : review->files) {
            bool hidden = false;
            std::fputs(shownFixDiff(file, &hidden).c_str(), stdout);
            if (hidden) {
                masked.push_back(file.path);
            }
        }
        for (const auto& path : masked) {
            std::fprintf(stderr,
                         "note: the diff of %s shows secret values masked, so patch(1) cannot apply it; "
                         "`drydock check --fix` writes the fix (it only removes the value).\n",
                         path.c_str());
        }
    }
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const ScanResult scan = review->asScanResult(RuleCatalogue::version);
    ReportData report;
    report.scan = &scan;
    report.catalogue = &catalogue;
    report.title = "Drydock check of compose files and Dockerfiles";
    report.cisVersion = *cisVersion;
    report.detail = *detail;
    report.objectCount = static_cast<int>(review->files.size());
    for (const auto& file : review->files) {
        if (file.fixedText) {
            report.fileDiffs[file.path] = shownFixDiff(file);
        }
    }
    if (findingsToStderr) {
        std::fputs(checkTextReport(*review, args->has("--verbose"), *cisVersion).c_str(), stderr);
    }
    bool localError = false;
    for (const auto& out : *outputs) {
        const Result<void> written =
            out.format == ReportFormat::Text
                ? writeOutput(out.path, checkTextReport(*review, args->has("--verbose"), *cisVersion))
                : writeReport(out.format, out.path, report, args->has("--verbose"));
        if (!written) {
            std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
            localError = true;
        }
    }
    if (fix && !writeFixes(*review)) {
        localError = true;
    }
    if (localError) {
        return ExitLocalError;
    }
    if (review->errorCount() > 0) {
        return ExitFileErrors;
    }
    if (failOn && scan.findings.countAtOrAbove(*failOn) > 0) {
        return ExitFindings;
    }
    return ExitOk;
}

} // namespace drydock::app
