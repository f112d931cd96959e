#include "core/report/ScanFromStored.h"

#include "core/rules/RuleCatalogue.h"

namespace drydock {

ScanResult scanFromStored(const StoredScan& stored)
{
    StoredScan copy{stored.summary, stored.findings};
    return scanFromStored(std::move(copy));
}

ScanResult scanFromStored(StoredScan&& stored)
{
    ScanResult scan;
    scan.startedAtUnix = stored.summary.startedAtUnix;
    scan.finishedAtUnix = stored.summary.finishedAtUnix;
    scan.catalogueVersion = stored.summary.catalogueVersion;
    scan.inventory.endpoint = stored.summary.endpoint;
    scan.inventory.engineName = stored.summary.engineName;
    scan.inventory.engineVersion = stored.summary.engineVersion;
    scan.inventory.apiVersion = stored.summary.apiVersion;
    scan.findings = FindingSet(std::move(stored.findings));
    scan.findings.sort();
    return scan;
}

BenchmarkCoverage storedCoverage(const StoredScan& stored, const ScanResult& scan,
                                 const RuleCatalogue& catalogue, CisVersion version)
{
    return storedCoverage(stored.summary, scan, catalogue, version);
}

BenchmarkCoverage storedCoverage(const ScanSummary& s, const ScanResult& scan, const RuleCatalogue& catalogue,
                                 CisVersion version)
{
    const auto count = [](int n) { return static_cast<std::size_t>(n > 0 ? n : 0); };
    // Swarm findings say swarm mode was on; their absence says nothing (the history keeps no inventory).
    const auto swarmArea = s.byArea.find("swarm");
    const std::optional<bool> swarm =
        swarmArea != s.byArea.end() && swarmArea->second > 0 ? std::optional<bool>(true) : std::nullopt;
    return benchmarkCoverage(scan, catalogue, version,
                             ScanReach{count(s.images), count(s.containers), count(s.networks), swarm});
}

} // namespace drydock
