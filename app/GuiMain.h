#pragma once
#include "app/cli/ArgParser.h"

namespace drydock::app {

// Starts the desktop application on the endpoint the arguments (or the docker CLI rules) name.
int runGui(int argc, char** argv, const ParsedArgs& args);

} // namespace drydock::app
