#include "core/store/RunsConversion.h"

#include "core/common/Strings.h"
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
        Finding x;
        x.ruleId = rows.text(0);
        x.area = areaFromString(rows.text(1)).value_or(Area::Container);
        const auto sev = rows.int64(2);
        x.severity = static_cast<Severity>(sev < 0 ? 0 : sev > 4 ? 4 : sev);
        x.cis = {rows.text(3), rows.text(4)};
        x.object.type = objectTypeFromString(rows.text(5)).value_or(ObjectType::Container);
        x.object.id = rows.text(6);
        x.object.name = rows.text(7);
        x.discriminator = rows.text(8);
        x.title = rows.text(9);
        x.evidence = rows.text(10);
        x.remediation.runCommand = rows.text(11);
        if (const std::string add = rows.text(12); !add.empty()) {
            x.remediation.addFlags = split(add, '\n');
        }
        if (const std::string remove = rows.text(13); !remove.empty()) {
            x.remediation.removeFlags = split(remove, '\n');
        }
        x.remediation.compose = rows.text(14);
        x.remediation.dockerfile = rows.text(15);
        if (!rows.isNull(16)) {
            x.waiver = WaiverMark{rows.int64(16), rows.text(17), {}, std::nullopt};
        }
        out.push_back(std::move(x));
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
                           "discriminator, title, evidence, run_command, add_flags, remove_flags, compose, dockerfile, "
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
