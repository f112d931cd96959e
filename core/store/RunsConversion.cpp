#include "core/store/RunsConversion.h"

#include "core/store/FindingRuns.h"

#include <vector>

namespace drydock {

namespace {

// The findings schema 3 stored for one scan, in the order they were saved.
Result<std::vector<Finding>> oldFindings(Statement& rows, std::int64_t scanId)
{
    rows.reset();
    rows.bind(1, scanId);
    std::vector<Finding> out;
    while (rows.step()) {
        out.push_back(FindingRuns::findingFromRow(rows));
    }
    if (rows.error()) {
        return *rows.error();
    }
    return out;
}

} // namespace

Result<void> RunsConversion::convert(SqliteDatabase& db)
{
    auto setUp = db.exec(
        "INSERT INTO scan_chains (endpoint) SELECT DISTINCT endpoint FROM scans ORDER BY endpoint;"
        "UPDATE scans SET chain_id = (SELECT c.id FROM scan_chains c WHERE c.endpoint = scans.endpoint);"
        "INSERT INTO history_counters (name, value) VALUES ('last_scan_id', COALESCE((SELECT MAX(id) FROM scans), 0));");
    if (!setUp) {
        return setUp.error();
    }
    auto scans = db.prepare("SELECT id, chain_id FROM scans ORDER BY id");
    auto rows = db.prepare("SELECT rule_id, area, severity, cis_id, cis_version, object_type, object_id, object_name, "
                           "discriminator, title, evidence, '', '', run_command, add_flags, remove_flags, compose, dockerfile, "
                           "waiver_id, waiver_reason FROM findings WHERE scan_id = ?1 ORDER BY id");
    if (!scans) {
        return scans.error();
    }
    if (!rows) {
        return rows.error();
    }
    FindingRuns runs(db);
    while (scans->step()) {
        auto findings = oldFindings(rows.value(), scans->int64(0));
        if (!findings) {
            return findings.error();
        }
        if (auto r = runs.record(scans->int64(1), scans->int64(0), findings.value()); !r) {
            return r.error();
        }
    }
    if (scans->error()) {
        return *scans->error();
    }
    return db.exec("DROP TABLE findings;");
}

} // namespace drydock
