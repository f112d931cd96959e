#pragma once
#include "app/cli/ArgParser.h"

namespace drydock::app {

// Starts the desktop application on the endpoint the arguments (or the docker CLI rules) name.
// shouldQuit, when given, is polled a few times a second (drydock demo: a signal asks to tear down).
int runGui(int argc, char** argv, const ParsedArgs& args, bool (*shouldQuit)() = nullptr);

} // namespace drydock::app
