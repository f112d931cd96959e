#pragma once

namespace drydock::app {

// Process exit codes of every drydock command (documented in --help and README.md).
enum ExitCode : int
{
    ExitOk = 0,           // success; for scan and check: no finding at or above --fail-on
    ExitFindings = 1,     // scan, check: findings at or above --fail-on
    ExitUsage = 2,        // bad command line
    ExitDaemon = 3,       // cannot reach or talk to the Docker daemon
    ExitLocalError = 4,   // cannot write an output file or open the local database
    ExitNoDisplay = 5,    // the desktop application found no display (use a command, or set DISPLAY)
    ExitFileErrors = 6    // check: a compose file or Dockerfile could not be read or parsed
};

} // namespace drydock::app
