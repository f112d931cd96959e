// Composition root: decides between the GUI and a headless command, builds the services, passes them in.
#include "app/cli/CommandLine.h"

int main(int argc, char** argv)
{
    return drydock::app::runMain(argc, argv);
}
