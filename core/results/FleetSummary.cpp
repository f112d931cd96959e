#include "core/results/FleetSummary.h"

#include <algorithm>

namespace drydock {

FleetSummary FleetSummary::compute(const std::vector<FleetEntry>& entries, std::size_t maxWorst)
{
    FleetSummary s;
    std::vector<WorstFinding> candidates;
    for (const FleetEntry& e : entries) {
        Endpoint row;
        row.name = e.target.name;
        row.address = e.target.endpoint.display();
        row.durationMs = e.durationMs;
        row.reachable = e.reachable();
        if (!e.reachable()) {
            row.error = e.error ? e.error->message : std::string("not scanned");
            ++s.unreachable;
            s.endpoints.push_back(std::move(row));
            continue;
        }
        const ScanResult& scan = *e.result;
        const Inventory& inv = scan.inventory;
        row.address = inv.endpoint.empty() ? row.address : inv.endpoint;
        row.engineVersion = inv.engineVersion;
        row.scannedAtUnix = scan.startedAtUnix;
        row.objects = static_cast<int>(inv.containers.size() + inv.images.size() + inv.networks.size() +
                                       inv.volumes.size());
        s.addScanned(std::move(row), scan.findings, candidates);
    }
    s.worst = rankWorst(std::move(candidates), maxWorst);
    return s;
}

void FleetSummary::addScanned(Endpoint row, const FindingSet& findings, std::vector<WorstFinding>& candidates)
{
    row.reachable = true;
    row.posture = PostureScore::compute(findings, row.objects);
    row.open = findings.countsBySeverity();
    row.waived = findings.waivedCount();
    for (std::size_t i = 0; i < open.size(); ++i) {
        open[i] += row.open[i];
    }
    for (const Finding& f : findings.all()) {
        if (!f.waiver) {
            candidates.push_back({row.name, f});
        }
    }
    ++reachable;
    endpoints.push_back(std::move(row));
}

std::vector<FleetSummary::WorstFinding> FleetSummary::rankWorst(std::vector<WorstFinding> candidates,
                                                                std::size_t maxWorst)
{
    // The same finding on several endpoints keeps the order the endpoints came in, so the list is stable
    // from run to run.
    std::stable_sort(candidates.begin(), candidates.end(), [](const WorstFinding& a, const WorstFinding& b) {
        if (a.finding.severity != b.finding.severity) {
            return a.finding.severity > b.finding.severity;
        }
        if (a.finding.ruleId != b.finding.ruleId) {
            return a.finding.ruleId < b.finding.ruleId;
        }
        return a.finding.object.name < b.finding.object.name;
    });
    if (candidates.size() > maxWorst) {
        candidates.resize(maxWorst);
    }
    return candidates;
}

} // namespace drydock
