#include "core/store/SchemaMigrator.h"

#include "core/store/RunsConversion.h"

#include <algorithm>

namespace drydock {

namespace {

// One step of the schema: SQL, then (for a step that rewrites data) a conversion in C++.
struct Migration
{
    const char* sql;
    Result<void> (*convert)(SqliteDatabase&) = nullptr;
};

// Migration N brings the schema from version N-1 to N. Never edit a shipped migration: add a new one.
const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> list = {
        // 1: scans, their findings, per-area counts, waivers.
        {R"sql(
CREATE TABLE scans (
    id                INTEGER PRIMARY KEY,
    endpoint          TEXT NOT NULL,
    engine_version    TEXT NOT NULL DEFAULT '',
    api_version       TEXT NOT NULL DEFAULT '',
    started_at        INTEGER NOT NULL,
    finished_at       INTEGER NOT NULL,
    catalogue_version TEXT NOT NULL DEFAULT '',
    critical INTEGER NOT NULL DEFAULT 0, high INTEGER NOT NULL DEFAULT 0, medium INTEGER NOT NULL DEFAULT 0,
    low INTEGER NOT NULL DEFAULT 0, info INTEGER NOT NULL DEFAULT 0, waived INTEGER NOT NULL DEFAULT 0,
    containers INTEGER NOT NULL DEFAULT 0, images INTEGER NOT NULL DEFAULT 0,
    networks INTEGER NOT NULL DEFAULT 0, volumes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scans_by_endpoint_time ON scans(endpoint, started_at);
CREATE TABLE scan_area_counts (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    area    TEXT NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (scan_id, area)
) WITHOUT ROWID;
CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    scan_id       INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    finding_key   TEXT NOT NULL,
    rule_id       TEXT NOT NULL,
    area          TEXT NOT NULL,
    severity      INTEGER NOT NULL,
    cis_id        TEXT NOT NULL DEFAULT '',
    cis_version   TEXT NOT NULL DEFAULT '',
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL,
    object_name   TEXT NOT NULL,
    discriminator TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    run_command   TEXT NOT NULL DEFAULT '',
    add_flags     TEXT NOT NULL DEFAULT '',
    remove_flags  TEXT NOT NULL DEFAULT '',
    compose       TEXT NOT NULL DEFAULT '',
    dockerfile    TEXT NOT NULL DEFAULT '',
    waiver_id     INTEGER,
    waiver_reason TEXT
);
CREATE INDEX findings_by_scan ON findings(scan_id, severity);
-- Rationale and fix are the rule's words, identical for every finding of a rule: stored once per
-- catalogue version instead of once per finding (a history of 1,000 scans x 1,000 findings stays small).
CREATE TABLE rule_texts (
    rule_id           TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    rationale         TEXT NOT NULL,
    fix               TEXT NOT NULL,
    PRIMARY KEY (rule_id, catalogue_version)
) WITHOUT ROWID;
CREATE INDEX findings_by_object ON findings(object_name, scan_id);
CREATE TABLE waivers (
    id             INTEGER PRIMARY KEY,
    scope          TEXT NOT NULL CHECK (scope IN ('object', 'pattern', 'rule')),
    rule_id        TEXT NOT NULL,
    object_pattern TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL CHECK (length(reason) > 0),
    author         TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER,
    endpoint       TEXT NOT NULL DEFAULT ''
);
)sql"},
        // 2: actions the hardening walkthrough took on an object (trial, apply, rollback, backup removal).
        // Details are written by Drydock and never hold a secret value.
        {R"sql(
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    endpoint    TEXT NOT NULL DEFAULT '',
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL DEFAULT '',
    object_name TEXT NOT NULL,
    step        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX actions_by_object ON actions(object_name, at);
)sql"},
        // 3: which product answered (Podman's compatible API is not Docker); older scans were Docker's.
        {R"sql(
ALTER TABLE scans ADD COLUMN engine_name TEXT NOT NULL DEFAULT 'Docker';
)sql"},
        // 4: finding bodies stored once and runs of scans instead of every finding of every scan (a daily scan
        // that changes nothing adds a scan row, not 3,000 findings with their commands); scan ids never reused,
        // so a run's scan range stays true after pruning. RunsConversion moves the old rows over.
        {R"sql(
CREATE TABLE scan_chains (
    id       INTEGER PRIMARY KEY,
    endpoint TEXT NOT NULL UNIQUE
);
ALTER TABLE scans ADD COLUMN chain_id INTEGER REFERENCES scan_chains(id);
CREATE INDEX scans_by_chain ON scans(chain_id, id);
CREATE TABLE history_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE object_remediations (
    id          INTEGER PRIMARY KEY,
    digest      TEXT NOT NULL UNIQUE,
    run_command TEXT NOT NULL,
    compose     TEXT NOT NULL
);
CREATE TABLE finding_bodies (
    id             INTEGER PRIMARY KEY,
    digest         TEXT NOT NULL UNIQUE,
    rule_id        TEXT NOT NULL,
    area           TEXT NOT NULL,
    severity       INTEGER NOT NULL,
    cis_id         TEXT NOT NULL DEFAULT '',
    cis_version    TEXT NOT NULL DEFAULT '',
    object_type    TEXT NOT NULL,
    object_id      TEXT NOT NULL,
    object_name    TEXT NOT NULL,
    discriminator  TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    add_flags      TEXT NOT NULL DEFAULT '',
    remove_flags   TEXT NOT NULL DEFAULT '',
    dockerfile     TEXT NOT NULL DEFAULT '',
    remediation_id INTEGER REFERENCES object_remediations(id),
    waiver_id      INTEGER,
    waiver_reason  TEXT
);
CREATE INDEX finding_bodies_by_object ON finding_bodies(object_name);
CREATE INDEX finding_bodies_by_remediation ON finding_bodies(remediation_id);
-- One row per stretch of consecutive scans of a chain that held the body; last_scan is the largest integer
-- while the run is open. Keyed so the open runs and those closed since a scan are one index range.
CREATE TABLE finding_runs (
    chain_id   INTEGER NOT NULL,
    last_scan  INTEGER NOT NULL,
    first_scan INTEGER NOT NULL,
    body_id    INTEGER NOT NULL,
    PRIMARY KEY (chain_id, last_scan, first_scan, body_id)
) WITHOUT ROWID;
CREATE INDEX finding_runs_by_body ON finding_runs(body_id);
)sql",
         &RunsConversion::convert},
        // 5: alerts raised while watching (`drydock watch`, the GUI's background watch): what happened while
        // the user was away. The sentence names the object and the rules' titles, never a secret value.
        {R"sql(
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    endpoint    TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    object_name TEXT NOT NULL,
    rule_ids    TEXT NOT NULL,
    severity    TEXT NOT NULL,
    sentence    TEXT NOT NULL
);
CREATE INDEX alerts_by_time ON alerts(at);
)sql"},
    };
    return list;
}

} // namespace

int SchemaMigrator::latestVersion() { return static_cast<int>(migrations().size()); }

Result<int> SchemaMigrator::currentVersion(SqliteDatabase& db)
{
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) {
        return stmt.error();
    }
    if (!stmt->step()) {
        return stmt->error() ? *stmt->error() : Error::make(ErrorCode::Database, "no user_version");
    }
    return static_cast<int>(stmt->int64(0));
}

Result<void> SchemaMigrator::migrate(SqliteDatabase& db, int target)
{
    auto version = currentVersion(db);
    if (!version) {
        return version.error();
    }
    if (version.value() > latestVersion()) {
        return Error::make(ErrorCode::Database,
                           "The history database " + db.path() + " was written by a newer Drydock (schema version " +
                               std::to_string(version.value()) + "; this Drydock knows up to " +
                               std::to_string(latestVersion()) +
                               "). It was not changed. Update Drydock, or choose another database with --db.");
    }
    for (int v = version.value(); v < std::min(target, latestVersion()); ++v) {
        auto tx = Transaction::begin(db);
        if (!tx) {
            return tx.error();
        }
        const Migration& step = migrations()[static_cast<std::size_t>(v)];
        if (auto r = db.exec(step.sql); !r) {
            return r.error();
        }
        if (step.convert) {
            if (auto r = step.convert(db); !r) {
                return r.error();
            }
        }
        if (auto r = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !r) {
            return r.error();
        }
        if (auto r = tx->commit(); !r) {
            return r.error();
        }
    }
    return success();
}

} // namespace drydock
