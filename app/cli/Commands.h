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

// Usage texts.
std::string mainHelp();
std::string inventoryHelp();
std::string scanHelp();
std::string historyHelp();
std::string reportHelp();
std::string hardenHelp();
std::string demoHelp();
std::string endpointsHelp();

} // namespace drydock::app
