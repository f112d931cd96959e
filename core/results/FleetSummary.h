#pragma once
#include "core/findings/Finding.h"
#include "core/findings/FindingSet.h"
#include "core/results/FleetEntry.h"
#include "core/results/PostureScore.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// The fleet view of one fleet scan, computed once for every output (text, JSON, GUI): posture per endpoint
// side by side, totals, and the worst open findings across all endpoints.
struct FleetSummary
{
    // One endpoint's row: reachable or why not, its posture, open findings and change since its last scan.
    struct Endpoint
    {
        std::string name;
        std::string address; // DockerEndpoint::display()
        bool reachable = false;
        std::string error;       // why not, when unreachable
        std::int64_t scanId = 0; // 0 when not stored
        std::int64_t durationMs = 0;
        std::int64_t scannedAtUnix = 0;
        std::string engineVersion;
        int objects = 0;
        PostureScore posture;
        std::array<int, severityCount> open{}; // open findings by severity (index = Severity)
        int waived = 0;
        // Compared with the previous stored scan of the same endpoint, when there is one.
        std::optional<std::int64_t> baselineScanId;
        int newFindings = 0;
        int resolvedFindings = 0;
    };
    // An open finding and the endpoint it is on, for the fleet's "worst first" list.
    struct WorstFinding
    {
        std::string endpoint; // the endpoint's name
        Finding finding;
    };

    std::vector<Endpoint> endpoints;
    std::array<int, severityCount> open{}; // across the fleet
    int reachable = 0;
    int unreachable = 0;
    std::vector<WorstFinding> worst; // open findings, most severe first, at most maxWorst

    static constexpr std::size_t kDefaultWorst = 20;
    static FleetSummary compute(const std::vector<FleetEntry>& entries, std::size_t maxWorst = kDefaultWorst);
    // Adds an endpoint that was scanned: its posture, open and waived counts from its findings, the fleet
    // totals, and its open findings as candidates for rankWorst. The one place both a fleet scan and the
    // fleet from the history (FleetHistory) fill a row.
    void addScanned(Endpoint row, const FindingSet& findings, std::vector<WorstFinding>& candidates);
    // Orders candidates most severe first (then rule, then object; equal ones keep their order) and keeps the
    // first maxWorst: the one ranking of a fleet scan and of the fleet as the history last saw it.
    static std::vector<WorstFinding> rankWorst(std::vector<WorstFinding> candidates, std::size_t maxWorst);
};

} // namespace drydock
