#include "core/scan/Scanner.h"

#include "core/scan/InventoryLoader.h"
#include "core/scan/RuleEngine.h"

namespace drydock {

Scanner::Scanner(DockerClient& client, const RuleCatalogue& catalogue, const Clock& clock)
    : m_client(client), m_catalogue(catalogue), m_clock(clock)
{
}

Result<ScanResult> Scanner::scan(const ScanSettings& settings, ProgressSink& progress, const CancelToken& cancel)
{
    ScanResult result;
    result.startedAtUnix = m_clock.nowUnix();
    result.catalogueVersion = RuleCatalogue::version;
    InventoryLoader loader(m_client);
    auto inventory = loader.load(result.startedAtUnix, progress, cancel);
    if (!inventory) {
        return inventory.error();
    }
    result.inventory = std::move(inventory.value());

    ScanSettings effective = settings;
    if (effective.ownSocketPath.empty() && m_client.endpoint().kind == DockerEndpoint::Kind::Unix) {
        effective.ownSocketPath = m_client.endpoint().socketPath;
    }
    progress.progress("checks", 0, 1);
    result.findings = RuleEngine(m_catalogue).evaluate(result.inventory, effective, result.startedAtUnix);
    progress.progress("checks", 1, 1);
    result.finishedAtUnix = m_clock.nowUnix();
    return result;
}

} // namespace drydock
