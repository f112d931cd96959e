#pragma once

namespace drydock::app {

// Parses the command line, runs the chosen command (or the GUI) and returns the process exit code.
int runMain(int argc, char** argv);

} // namespace drydock::app
