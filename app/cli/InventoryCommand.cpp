#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/OutputFile.h"
#include "core/common/Clock.h"
#include "core/report/InventoryJson.h"
#include "core/report/TextReport.h"
#include "core/scan/InventoryLoader.h"

#include <cstdio>

namespace drydock::app {

int runInventory(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(inventorySpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(inventoryHelp().c_str(), stdout);
        return ExitOk;
    }
    if (args->has("--packages") || args->has("--sbom")) {
        return runInventoryContents(*args);
    }
    const std::string format = args->last("--format").value_or("text");
    if (format != "text" && format != "json") {
        std::fprintf(stderr, "drydock: unknown format '%s' for inventory (use text or json)\n", format.c_str());
        return ExitUsage;
    }
    auto client = connectFromArgs(*args);
    if (!client) {
        std::fprintf(stderr, "drydock: %s\n", client.error().message.c_str());
        return ExitDaemon;
    }
    NullProgressSink progress;
    InventoryLoader loader(*client.value());
    auto inventory = loader.load(SystemClock().nowUnix(), progress, CancelToken());
    if (!inventory) {
        std::fprintf(stderr, "drydock: %s\n", inventory.error().message.c_str());
        return ExitDaemon;
    }
    const std::string text =
        format == "json" ? json::inventoryToJson(inventory.value()) + "\n" : TextReport::inventory(inventory.value());
    auto written = writeOutput(args->last("--output").value_or("-"), text);
    if (!written) {
        std::fprintf(stderr, "drydock: %s\n", written.error().message.c_str());
        return ExitLocalError;
    }
    return ExitOk;
}

} // namespace drydock::app
