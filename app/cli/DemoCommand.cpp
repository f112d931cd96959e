// drydock demo: a sandbox daemon full of realistic mistakes, for a first look at Drydock without touching
// any real Docker installation.
#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/DemoSandbox.h"
#include "app/cli/ExitCode.h"

#include <atomic>
#include <csignal>
#include <cstdio>

#ifdef DRYDOCK_WITH_GUI
#include "app/cli/GuiMain.h"
#endif

namespace drydock::app {

namespace {

std::atomic<int> g_signal{0};

void onSignal(int signal) { g_signal.store(signal); }

bool interrupted() { return g_signal.load() != 0; }

// SIGINT, SIGTERM and SIGHUP only set a flag: the set-up and the GUI poll it and then tear the sandbox down
// in order (a signal handler may not do that work itself).
void installHandlers()
{
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) {
        sigaction(s, &action, nullptr);
    }
}

} // namespace

int runDemo(const std::vector<std::string>& words, int argc, char** argv)
{
    std::string error;
    const auto args = ArgParser::parse(demoSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(demoHelp().c_str(), stdout);
        return ExitOk;
    }
#ifndef DRYDOCK_WITH_GUI
    if (!args->has("--no-gui")) {
        std::fprintf(stderr, "drydock: this build has no desktop application; use drydock demo --no-gui\n");
        return ExitUsage;
    }
#endif
    if (const std::string missing = DemoSandbox::missingRequirement(); !missing.empty()) {
        std::fprintf(stderr, "drydock: %s\n", missing.c_str());
        return ExitDaemon;
    }
    installHandlers();
    DemoSandbox sandbox;
    std::fprintf(stderr, "Starting a sandbox Docker daemon and creating the demo containers…\n");
    if (auto started = sandbox.start(interrupted); !started) {
        std::fprintf(stderr, "drydock: %s\n", started.error().message.c_str());
        sandbox.stop();
        std::fprintf(stderr, "The sandbox was removed.\n");
        return ExitDaemon;
    }
    std::fprintf(stderr, "Sandbox daemon ready on %s (%s)\n", sandbox.hostUri().c_str(), sandbox.directory().c_str());
    int code = ExitOk;
    if (args->has("--no-gui")) {
        std::fflush(stderr);
        code = runScan({"--host", sandbox.hostUri(), "--no-history"});
    } else {
#ifdef DRYDOCK_WITH_GUI
        ParsedArgs gui;
        gui.command = "drydock";
        gui.options.emplace("--host", sandbox.hostUri());
        gui.options.emplace("--db", sandbox.directory() + "/history.db");
        code = runGui(argc, argv, gui, interrupted);
#endif
    }
    (void)argc;
    (void)argv;
    std::fprintf(stderr, "Stopping the sandbox daemon and removing %s…\n", sandbox.directory().c_str());
    sandbox.stop();
    std::fprintf(stderr, "The sandbox was removed.\n");
    return interrupted() && code == ExitOk ? ExitDaemon : code;
}

} // namespace drydock::app
