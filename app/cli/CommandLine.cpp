#include "app/cli/CommandLine.h"

#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitCode.h"
#include "core/common/LibraryVersions.h"

#include <cstdio>
#include <string>
#include <vector>

#ifdef DRYDOCK_WITH_GUI
#include "app/cli/GuiMain.h"

#include <QtGlobal>
#endif

namespace drydock::app {

namespace {
// `drydock --version`: the libraries the process runs with; Qt's only when the desktop application is built.
std::string versionText()
{
#ifdef DRYDOCK_WITH_GUI
    return versionReport(buildInfo(), libraryVersionsWithQt(qVersion(), QT_VERSION_STR));
#else
    return versionReport(buildInfo(), coreLibraryVersions());
#endif
}
} // namespace

int runMain(int argc, char** argv)
{
    std::vector<std::string> words(argv + 1, argv + argc);
    if (!words.empty() && (words[0] == "--version" || words[0] == "version")) {
        std::fputs(versionText().c_str(), stdout);
        return ExitOk;
    }
    if (!words.empty() && (words[0] == "--help" || words[0] == "-h" || words[0] == "help")) {
        std::fputs(mainHelp().c_str(), stdout);
        return ExitOk;
    }
    if (!words.empty() && words[0].rfind("-", 0) != 0) {
        const std::string command = words[0];
        const std::vector<std::string> rest(words.begin() + 1, words.end());
        if (command == "inventory") {
            return runInventory(rest);
        }
        if (command == "scan") {
            return runScan(rest);
        }
        if (command == "history") {
            return runHistory(rest);
        }
        if (command == "report") {
            return runReport(rest);
        }
        if (command == "harden") {
            return runHarden(rest);
        }
        if (command == "demo") {
            return runDemo(rest, argc, argv);
        }
        if (command == "endpoints") {
            return runEndpoints(rest);
        }
        if (command == "check") {
            return runCheck(rest);
        }
        if (command == "benchmark") {
            return runBenchmark(rest);
        }
        if (command == "watch") {
            return runWatch(rest);
        }
        std::fprintf(stderr, "drydock: unknown command '%s' (see drydock --help)\n", command.c_str());
        return ExitUsage;
    }
    // No command: the desktop application, which takes the endpoint options too.
    std::string error;
    const auto args = ArgParser::parse(guiSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(mainHelp().c_str(), stdout);
        return ExitOk;
    }
#ifdef DRYDOCK_WITH_GUI
    return runGui(argc, argv, *args);
#else
    std::fprintf(stderr, "drydock: this build has no desktop application; use a command (see drydock --help)\n");
    return ExitUsage;
#endif
}

} // namespace drydock::app
