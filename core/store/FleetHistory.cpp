#include "core/store/FleetHistory.h"

#include "core/findings/FindingSet.h"

#include <map>

namespace drydock {

Result<FleetSummary> FleetHistory::latest(ScanRepository& scans, std::int64_t sinceUnix, std::size_t maxWorst)
{
    auto all = scans.list("", 100000); // newest first
    if (!all) {
        return all.error();
    }
    // The newest scan of each endpoint, endpoints in address order so the view is the same every time.
    std::map<std::string, const ScanSummary*> newest;
    for (const ScanSummary& summary : all.value()) {
        if (summary.startedAtUnix >= sinceUnix) {
            newest.emplace(summary.endpoint, &summary);
        }
    }
    FleetSummary s;
    std::vector<FleetSummary::WorstFinding> candidates;
    for (const auto& [endpoint, latestScan] : newest) {
        const ScanSummary& summary = *latestScan;
        auto stored = scans.load(summary.id);
        if (!stored) {
            return stored.error();
        }
        FleetSummary::Endpoint row;
        row.name = summary.endpoint;
        row.address = summary.endpoint;
        row.scanId = summary.id;
        row.scannedAtUnix = summary.startedAtUnix;
        row.durationMs = (summary.finishedAtUnix - summary.startedAtUnix) * 1000;
        row.engineVersion = summary.engineVersion;
        row.objects = summary.objects();
        s.addScanned(std::move(row), FindingSet(std::move(stored.value().findings)), candidates);
    }
    s.worst = FleetSummary::rankWorst(std::move(candidates), maxWorst);
    return s;
}

} // namespace drydock
