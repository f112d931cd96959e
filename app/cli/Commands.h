#pragma once
#include <string>
#include <vector>

namespace drydock::app {

// Each headless command: takes the words after its name, returns an ExitCode.
int runInventory(const std::vector<std::string>& words);
int runScan(const std::vector<std::string>& words);
int runHistory(const std::vector<std::string>& words);
int runReport(const std::vector<std::string>& words);
struct ParsedArgs;
// `inventory --packages IMAGE` and `inventory --sbom IMAGE`: what is installed inside one image.
int runInventoryContents(const ParsedArgs& args);
int runHarden(const std::vector<std::string>& words);
// `drydock demo`: argc/argv go to the GUI it opens.
int runDemo(const std::vector<std::string>& words, int argc, char** argv);
int runEndpoints(const std::vector<std::string>& words);
// `drydock check [PATH…]`: compose files and Dockerfiles, reviewed without a daemon.
int runCheck(const std::vector<std::string>& words);
// `drydock benchmark`: every CIS Docker Benchmark recommendation with Drydock's verdict.
int runBenchmark(const std::vector<std::string>& words);
// `drydock watch`: follows the daemon's events and prints one line per alert.
int runWatch(const std::vector<std::string>& words);

struct CommandSpec;
// Each command's option table (Help.cpp): what it parses, and what its usage text lists.
const CommandSpec& guiSpec(); // drydock without a command: the desktop application
const CommandSpec& inventorySpec();
const CommandSpec& scanSpec();
const CommandSpec& historySpec();
const CommandSpec& reportSpec();
const CommandSpec& hardenSpec();
const CommandSpec& demoSpec();
const CommandSpec& endpointsSpec();
const CommandSpec& checkSpec();
const CommandSpec& benchmarkSpec();
const CommandSpec& watchSpec();

// Usage texts, made with the option tables.
std::string mainHelp();
std::string inventoryHelp();
std::string scanHelp();
std::string historyHelp();
std::string reportHelp();
std::string hardenHelp();
std::string demoHelp();
std::string endpointsHelp();
std::string checkHelp();
std::string benchmarkHelp();
std::string watchHelp();

} // namespace drydock::app
