#pragma once
#include <string>
#include <vector>

namespace drydock::app {

// Each headless command: takes the words after its name, returns an ExitCode.
int runInventory(const std::vector<std::string>& words);
int runScan(const std::vector<std::string>& words);
int runHistory(const std::vector<std::string>& words);
int runReport(const std::vector<std::string>& words);
int runEndpoints(const std::vector<std::string>& words);

// Usage texts.
std::string mainHelp();
std::string inventoryHelp();
std::string scanHelp();
std::string historyHelp();
std::string reportHelp();
std::string endpointsHelp();

} // namespace drydock::app
