#pragma once
#include "core/common/Result.h"
#include "core/findings/ScanDelta.h"
#include "core/findings/Waiver.h"
#include "core/results/FleetEntry.h"
#include "core/results/FleetSummary.h"
#include "core/results/ScanResult.h"
#include "core/store/HistoryStore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// Where the history put one scan and what changed since the scan it was compared with.
struct ScanRecord
{
    std::int64_t scanId = 0;                    // 0 without a history
    std::optional<std::int64_t> baselineScanId; // none for an endpoint's first stored scan
    std::optional<ScanDelta> delta;             // against baselineScanId, set with it
};

// A fleet scan as the history took it: one record per entry (in the entries' order; an unreachable endpoint's
// is empty) and the fleet view with each endpoint's scan id and new/resolved counts filled in.
struct FleetRecord
{
    std::vector<ScanRecord> records;
    FleetSummary summary;
};

// Turns finished scans into history — waivers applied, scan stored, compared with the endpoint's previous
// scan — with one policy for `drydock scan` and the GUI, for one endpoint and for every endpoint of a fleet.
// Uses the history from the calling thread only (SQLite is used from one thread).
class ScanRecorder
{
public:
    // history: where scans go; null records nothing (as `drydock scan --no-history`): no waivers, id or
    // delta.
    explicit ScanRecorder(HistoryStore* history) : m_history(history) {}

    // Applies the stored waivers to scan (in place), stores it, and compares it with baselineId or, without
    // one, with the previous stored scan of its endpoint. Waivers that cannot be read are an error and
    // nothing is stored: a scan stored without them would count accepted risks as open. A comparison that
    // fails (baselineId unknown or of another endpoint) is an error too, after the scan was stored.
    Result<ScanRecord> record(ScanResult& scan, std::optional<std::int64_t> baselineId = std::nullopt);

    // The same for every reachable entry of a fleet scan (FleetScanner), each compared with its own
    // endpoint's previous scan, then the fleet view. Unreadable waivers store nothing; the first other error
    // stops the recording (the entries before it stay stored).
    Result<FleetRecord> recordFleet(std::vector<FleetEntry>& entries);

private:
    Result<std::vector<Waiver>> readWaivers();
    Result<ScanRecord> store(ScanResult& scan, const std::vector<Waiver>& waivers,
                             std::optional<std::int64_t> baselineId, const std::string& which);

    HistoryStore* m_history;
};

} // namespace drydock
