#include "core/scan/ScanRecorder.h"

#include "core/scan/ObjectRemediation.h"

namespace drydock {

Result<std::vector<Waiver>> ScanRecorder::readWaivers()
{
    auto waivers = m_history->waivers().list();
    if (!waivers) {
        // Storing the scan anyway would record every waived finding as open (and count it as new next time).
        return Error::make(ErrorCode::Database,
                           "The waivers in the history could not be read (" + waivers.error().message +
                               "), so nothing was stored: without them accepted risks would count as open. "
                               "Repair the history database, or move it aside with `drydock history reset`.");
    }
    return waivers;
}

Result<ScanRecord> ScanRecorder::store(ScanResult& scan, const std::vector<Waiver>& waivers,
                                       std::optional<std::int64_t> baselineId, const std::string& which)
{
    // A waiver counts at the moment the scan started, so a stored scan reads the same later.
    applyWaivers(scan.findings.mutableAll(), waivers, scan.inventory.endpoint, scan.startedAtUnix);
    ObjectRemediation::refreshAfterWaivers(scan.findings.mutableAll(), scan.inventory);
    auto saved = m_history->scans().saveWithRuns(scan);
    if (!saved) {
        return Error::make(ErrorCode::Database,
                           "could not store the scan" + which + ": " + saved.error().message);
    }
    ScanRecord record;
    record.scanId = saved->id;
    if (!baselineId) {
        auto previous = m_history->scans().latest(scan.inventory.endpoint, record.scanId);
        if (!previous) {
            return previous.error();
        }
        baselineId = previous.value();
    }
    if (baselineId) {
        auto delta = m_history->scans().delta(*baselineId, scan, saved.value());
        if (!delta) {
            return delta.error();
        }
        record.baselineScanId = baselineId;
        record.delta = std::move(delta.value());
    }
    return record;
}

Result<ScanRecord> ScanRecorder::record(ScanResult& scan, std::optional<std::int64_t> baselineId)
{
    if (!m_history) {
        return ScanRecord{};
    }
    auto waivers = readWaivers();
    if (!waivers) {
        return waivers.error();
    }
    return store(scan, waivers.value(), baselineId, "");
}

Result<FleetRecord> ScanRecorder::recordFleet(std::vector<FleetEntry>& entries)
{
    FleetRecord fleet;
    fleet.records.resize(entries.size());
    if (m_history) {
        // Read once before the first scan is stored: unreadable waivers leave the whole fleet unstored.
        auto waivers = readWaivers();
        if (!waivers) {
            return waivers.error();
        }
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].reachable()) {
                continue;
            }
            auto record =
                store(*entries[i].result, waivers.value(), std::nullopt, " of " + entries[i].target.name);
            if (!record) {
                return record.error();
            }
            fleet.records[i] = std::move(record.value());
        }
    }
    fleet.summary = FleetSummary::compute(entries);
    for (std::size_t i = 0; i < fleet.summary.endpoints.size(); ++i) {
        FleetSummary::Endpoint& row = fleet.summary.endpoints[i];
        const ScanRecord& record = fleet.records[i];
        row.scanId = record.scanId;
        if (record.delta) {
            row.baselineScanId = record.baselineScanId;
            row.newFindings = static_cast<int>(record.delta->newFindings.size());
            row.resolvedFindings = static_cast<int>(record.delta->resolved.size());
        }
    }
    return fleet;
}

} // namespace drydock
