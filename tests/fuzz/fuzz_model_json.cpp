// Engine API JSON -> model: every parser meets bytes shaped by whoever controls the daemon's objects.
// Parsers must return a value or an Error, never throw or crash, whatever the nesting, types, sizes or encoding.
#include "core/json/ModelParser.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace drydock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // Every parser sees every input, so the recorded daemon answers in tests/data seed all of them as they are.
    const std::string_view body = fuzz::bytes(data, size);
    DaemonInfo info;
    (void)json::parseContainerIds(body);
    (void)json::parseContainer(body);
    (void)json::parseChanges(body);
    (void)json::parseExec(body);
    (void)json::parseImageIds(body);
    (void)json::parseImage(body);
    (void)json::parseHistory(body);
    (void)json::parseNetworks(body);
    (void)json::parseNetwork(body);
    (void)json::parseVolumes(body);
    (void)json::parsePlugins(body);
    (void)json::parseInfo(body, info);
    (void)json::parseVersion(body, info);
    (void)json::parseSwarm(body);
    (void)json::parseUnlockKeySet(body);
    (void)json::parseNodes(body);
    (void)json::parseServices(body);
    (void)json::parseSecrets(body);
    (void)json::parseConfigs(body);
    (void)json::parseEvent(body);
    (void)json::parseErrorMessage(body);
    return 0;
}
