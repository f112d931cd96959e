#include "core/store/ScanRepository.h"

#include "core/findings/FindingSet.h"
#include "core/store/FindingRuns.h"

#include <algorithm>
#include <iterator>

namespace drydock {

namespace {

constexpr const char* kScanColumns =
    "id, endpoint, engine_version, api_version, started_at, finished_at, catalogue_version, "
    "critical, high, medium, low, info, waived, containers, images, networks, volumes, engine_name";

// "SELECT <the scan columns>", built by appending to one string (a concatenation of temporaries here made gcc 12
// at -O2 warn of a memcpy out of bounds that cannot happen).
std::string selectScanColumns()
{
    std::string sql;
    sql.reserve(512);
    sql.append("SELECT ").append(kScanColumns);
    return sql;
}

Error notFound(std::int64_t id)
{
    return Error::make(ErrorCode::NotFound, "There is no scan " + std::to_string(id) +
                                                " in the history (see `drydock history list`).");
}

Error differentEndpoints(std::int64_t baselineId, const std::string& laterName, const std::string& baselineEndpoint,
                         const std::string& laterEndpoint)
{
    return Error::make(ErrorCode::InvalidArgument, "Scan " + std::to_string(baselineId) + " and " + laterName +
                                                       " come from different endpoints (" + baselineEndpoint + ", " +
                                                       laterEndpoint + "); compare scans of the same daemon.");
}

} // namespace

int ScanSummary::total() const
{
    int t = 0;
    for (int c : counts) {
        t += c;
    }
    return t;
}

Result<std::int64_t> ScanRepository::save(const ScanResult& scan)
{
    auto saved = saveWithRuns(scan);
    if (!saved) {
        return saved.error();
    }
    return saved->id;
}

Result<SavedScan> ScanRepository::saveWithRuns(const ScanResult& scan)
{
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto chainId = chainOf(scan.inventory.endpoint);
    if (!chainId) {
        return chainId.error();
    }
    // Ids are never reused (a run names the scans it spans by id): one more than any id ever given.
    auto nextId = m_db.prepare("SELECT MAX(COALESCE((SELECT value FROM history_counters WHERE name = 'last_scan_id'), 0), "
                               "COALESCE((SELECT MAX(id) FROM scans), 0)) + 1");
    if (!nextId) {
        return nextId.error();
    }
    if (!nextId->step()) {
        return nextId->error() ? *nextId->error() : Error::make(ErrorCode::Database, "no next scan id");
    }
    const std::int64_t scanId = nextId->int64(0);
    nextId->reset(); // a statement left on a row keeps a reader open, and the commit could not checkpoint the WAL
    auto insertScan = m_db.prepare(
        "INSERT INTO scans (id, endpoint, engine_version, api_version, started_at, finished_at, catalogue_version, "
        "critical, high, medium, low, info, waived, containers, images, networks, volumes, engine_name, chain_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insertScan) {
        return insertScan.error();
    }
    const auto counts = scan.findings.countsBySeverity();
    insertScan->bind(1, scanId)
        .bind(2, scan.inventory.endpoint)
        .bind(3, scan.inventory.engineVersion)
        .bind(4, scan.inventory.apiVersion)
        .bind(5, scan.startedAtUnix)
        .bind(6, scan.finishedAtUnix)
        .bind(7, scan.catalogueVersion)
        .bind(8, counts[4])
        .bind(9, counts[3])
        .bind(10, counts[2])
        .bind(11, counts[1])
        .bind(12, counts[0])
        .bind(13, scan.findings.waivedCount())
        .bind(14, static_cast<std::int64_t>(scan.inventory.containers.size()))
        .bind(15, static_cast<std::int64_t>(scan.inventory.images.size()))
        .bind(16, static_cast<std::int64_t>(scan.inventory.networks.size()))
        .bind(17, static_cast<std::int64_t>(scan.inventory.volumes.size()))
        .bind(18, scan.inventory.engineName)
        .bind(19, chainId.value());
    if (auto r = insertScan->run(); !r) {
        return r.error();
    }
    auto counter = m_db.prepare("INSERT INTO history_counters (name, value) VALUES ('last_scan_id', ?1) "
                                "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    if (!counter) {
        return counter.error();
    }
    if (auto r = counter->bind(1, scanId).run(); !r) {
        return r.error();
    }

    auto insertArea = m_db.prepare("INSERT INTO scan_area_counts (scan_id, area, count) VALUES (?,?,?)");
    if (!insertArea) {
        return insertArea.error();
    }
    for (const auto& [area, n] : scan.findings.countsByArea()) {
        if (auto r = insertArea->bind(1, scanId).bind(2, std::string(toString(area))).bind(3, n).run(); !r) {
            return r.error();
        }
    }
    if (auto r = saveRuleTexts(scan); !r) {
        return r.error();
    }
    SavedScan saved{scanId, chainId.value(), {}};
    if (auto r = FindingRuns(m_db).record(chainId.value(), scanId, scan.findings.all(), &saved.runFirstScans); !r) {
        return r.error();
    }
    if (auto r = tx->commit(); !r) {
        return r.error();
    }
    return saved;
}

Result<std::int64_t> ScanRepository::chainOf(const std::string& endpoint)
{
    auto add = m_db.prepare("INSERT OR IGNORE INTO scan_chains (endpoint) VALUES (?1)");
    if (!add) {
        return add.error();
    }
    if (auto r = add->bind(1, endpoint).run(); !r) {
        return r.error();
    }
    auto q = m_db.prepare("SELECT id FROM scan_chains WHERE endpoint = ?1");
    if (!q) {
        return q.error();
    }
    q->bind(1, endpoint);
    if (!q->step()) {
        return q->error() ? *q->error() : Error::make(ErrorCode::Database, "no scan chain for " + endpoint);
    }
    return q->int64(0);
}

Result<void> ScanRepository::saveRuleTexts(const ScanResult& scan)
{
    // Rationale and fix are the rule's words: stored once per rule and catalogue version.
    auto insertText = m_db.prepare(
        "INSERT OR IGNORE INTO rule_texts (rule_id, catalogue_version, rationale, fix) VALUES (?,?,?,?)");
    if (!insertText) {
        return insertText.error();
    }
    std::string lastRule;
    for (const auto& f : scan.findings.all()) {
        if (f.ruleId == lastRule) { // findings arrive grouped by rule often enough to skip most repeats
            continue;
        }
        lastRule = f.ruleId;
        auto r = insertText->bind(1, f.ruleId).bind(2, scan.catalogueVersion).bind(3, f.rationale).bind(4, f.fix).run();
        if (!r) {
            return r.error();
        }
    }
    return success();
}

Result<ScanSummary> ScanRepository::summaryOf(Statement& row)
{
    ScanSummary s;
    s.id = row.int64(0);
    s.endpoint = row.text(1);
    s.engineVersion = row.text(2);
    s.apiVersion = row.text(3);
    s.startedAtUnix = row.int64(4);
    s.finishedAtUnix = row.int64(5);
    s.catalogueVersion = row.text(6);
    for (int i = 0; i < severityCount; ++i) {
        s.counts[static_cast<std::size_t>(4 - i)] = static_cast<int>(row.int64(7 + i));
    }
    s.waived = static_cast<int>(row.int64(12));
    s.containers = static_cast<int>(row.int64(13));
    s.images = static_cast<int>(row.int64(14));
    s.networks = static_cast<int>(row.int64(15));
    s.volumes = static_cast<int>(row.int64(16));
    s.engineName = row.text(17);
    return s;
}

Result<void> ScanRepository::loadAreaCounts(ScanSummary& summary)
{
    auto q = m_db.prepare("SELECT area, count FROM scan_area_counts WHERE scan_id = ?");
    if (!q) {
        return q.error();
    }
    q->bind(1, summary.id);
    while (q->step()) {
        summary.byArea[q->text(0)] = static_cast<int>(q->int64(1));
    }
    if (q->error()) {
        return *q->error();
    }
    return success();
}

Result<std::vector<ScanSummary>> ScanRepository::list(const std::string& endpoint, int limit)
{
    auto q = m_db.prepare(selectScanColumns() +
                          " FROM scans WHERE (?1 = '' OR endpoint = ?1) ORDER BY started_at DESC, id DESC LIMIT ?2");
    if (!q) {
        return q.error();
    }
    q->bind(1, endpoint).bind(2, limit);
    std::vector<ScanSummary> out;
    while (q->step()) {
        auto s = summaryOf(q.value());
        if (!s) {
            return s.error();
        }
        out.push_back(std::move(s.value()));
    }
    if (q->error()) {
        return *q->error();
    }
    for (auto& s : out) {
        if (auto r = loadAreaCounts(s); !r) {
            return r.error();
        }
    }
    return out;
}

Result<StoredScan> ScanRepository::load(std::int64_t scanId)
{
    auto q = m_db.prepare(selectScanColumns() + ", chain_id FROM scans WHERE id = ?");
    if (!q) {
        return q.error();
    }
    q->bind(1, scanId);
    if (!q->step()) {
        return q->error() ? *q->error() : notFound(scanId);
    }
    StoredScan stored;
    auto summary = summaryOf(q.value());
    if (!summary) {
        return summary.error();
    }
    stored.summary = std::move(summary.value());
    const std::int64_t chainId = q->int64(18);
    q->reset(); // off its row before the next reads
    if (auto r = loadAreaCounts(stored.summary); !r) {
        return r.error();
    }
    auto findings = FindingRuns(m_db).load(chainId, scanId, stored.summary.catalogueVersion);
    if (!findings) {
        return findings.error();
    }
    stored.findings = std::move(findings.value());
    return stored;
}

Result<std::optional<std::int64_t>> ScanRepository::latest(const std::string& endpoint, std::int64_t beforeScanId)
{
    auto q = m_db.prepare("SELECT id FROM scans WHERE endpoint = ?1 AND (?2 = 0 OR id < ?2) "
                          "ORDER BY started_at DESC, id DESC LIMIT 1");
    if (!q) {
        return q.error();
    }
    q->bind(1, endpoint).bind(2, beforeScanId);
    if (q->step()) {
        return std::optional<std::int64_t>(q->int64(0));
    }
    if (q->error()) {
        return *q->error();
    }
    return std::optional<std::int64_t>();
}

Result<ScanDelta> ScanRepository::delta(std::int64_t baselineId, std::int64_t laterId)
{
    auto later = load(laterId);
    if (!later) {
        return later.error();
    }
    return deltaFrom(baselineId, later->summary.endpoint, "scan " + std::to_string(laterId), later->findings);
}

Result<ScanDelta> ScanRepository::delta(std::int64_t baselineId, const ScanResult& later, const SavedScan& saved)
{
    const std::vector<Finding>& findings = later.findings.all();
    auto q = m_db.prepare("SELECT endpoint, chain_id, catalogue_version FROM scans WHERE id = ?1");
    if (!q) {
        return q.error();
    }
    q->bind(1, baselineId);
    if (!q->step()) {
        return q->error() ? *q->error() : notFound(baselineId);
    }
    const std::string endpoint = q->text(0);
    const std::int64_t chainId = q->int64(1);
    const std::string catalogueVersion = q->text(2);
    q->reset();
    if (endpoint != later.inventory.endpoint) {
        return differentEndpoints(baselineId, "the new scan", endpoint, later.inventory.endpoint);
    }
    if (chainId != saved.chainId || baselineId >= saved.id || saved.runFirstScans.size() != findings.size()) {
        return deltaFrom(baselineId, later.inventory.endpoint, "the new scan", findings); // not the saved scan's chain
    }
    auto ended = FindingRuns(m_db).loadEndedSince(chainId, baselineId, catalogueVersion);
    if (!ended) {
        return ended.error();
    }
    // Both parts come sorted; merged they are the baseline in the order load() gives it.
    std::vector<const Finding*> kept;
    kept.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (saved.runFirstScans[i] <= baselineId) {
            kept.push_back(&findings[i]);
        }
    }
    std::vector<const Finding*> gone;
    gone.reserve(ended->size());
    for (const Finding& f : ended.value()) {
        gone.push_back(&f);
    }
    const auto before = [](const Finding* a, const Finding* b) { return FindingSet::before(*a, *b); };
    if (!std::is_sorted(kept.begin(), kept.end(), before)) {
        std::stable_sort(kept.begin(), kept.end(), before);
    }
    std::vector<const Finding*> baseline;
    baseline.reserve(kept.size() + gone.size());
    std::merge(kept.begin(), kept.end(), gone.begin(), gone.end(), std::back_inserter(baseline), before);
    return ScanDelta::compute(baseline, findings);
}

Result<ScanDelta> ScanRepository::deltaFrom(std::int64_t baselineId, const std::string& laterEndpoint,
                                            const std::string& laterName, const std::vector<Finding>& later)
{
    auto a = load(baselineId);
    if (!a) {
        return a.error();
    }
    if (a->summary.endpoint != laterEndpoint) {
        return differentEndpoints(baselineId, laterName, a->summary.endpoint, laterEndpoint);
    }
    return ScanDelta::compute(a->findings, later);
}

Result<std::vector<TrendPoint>> ScanRepository::trend(const std::string& endpoint, std::int64_t sinceUnix)
{
    // The last scan of each calendar day where the user is (local time, daylight saving included) stands for
    // that day: a scan at 23:30 on 6 December belongs to 6 December, whatever day it is in UTC.
    auto q = m_db.prepare(selectScanColumns() +
                          ", CAST(strftime('%s', local_day) AS INTEGER) FROM (SELECT *, ROW_NUMBER() OVER ("
                          "PARTITION BY local_day ORDER BY started_at DESC, id DESC) AS rank_in_day FROM "
                          "(SELECT *, date(started_at, 'unixepoch', 'localtime') AS local_day FROM scans "
                          "WHERE endpoint = ?1 AND started_at >= ?2)) WHERE rank_in_day = 1 ORDER BY started_at");
    if (!q) {
        return q.error();
    }
    q->bind(1, endpoint).bind(2, sinceUnix);
    std::vector<TrendPoint> points;
    while (q->step()) {
        auto s = summaryOf(q.value());
        if (!s) {
            return s.error();
        }
        if (auto r = loadAreaCounts(s.value()); !r) {
            return r.error();
        }
        points.push_back({q->int64(18), s->id, s->counts, s->byArea});
    }
    if (q->error()) {
        return *q->error();
    }
    return points;
}

Result<std::vector<ObjectTrendPoint>> ScanRepository::objectTrend(const std::string& endpoint,
                                                                  const std::string& objectName, std::int64_t sinceUnix)
{
    // The object's open findings as runs (few), matched against the endpoint's scans by id range.
    auto q = m_db.prepare("SELECT s.id, s.started_at, COUNT(x.severity), COALESCE(MAX(x.severity), 0) FROM scans s "
                          "LEFT JOIN (SELECT r.chain_id AS chain_id, r.first_scan AS first_scan, "
                          "r.last_scan AS last_scan, b.severity AS severity FROM finding_bodies b "
                          "JOIN finding_runs r ON r.body_id = b.id WHERE b.object_name = ?2 AND b.waiver_id IS NULL) x "
                          "ON x.chain_id = s.chain_id AND s.id BETWEEN x.first_scan AND x.last_scan "
                          "WHERE s.endpoint = ?1 AND s.started_at >= ?3 GROUP BY s.id ORDER BY s.started_at");
    if (!q) {
        return q.error();
    }
    q->bind(1, endpoint).bind(2, objectName).bind(3, sinceUnix);
    std::vector<ObjectTrendPoint> points;
    while (q->step()) {
        const auto worst = q->int64(3);
        points.push_back({q->int64(0), q->int64(1), static_cast<int>(q->int64(2)),
                          static_cast<Severity>(worst < 0 ? 0 : worst > 4 ? 4 : worst)});
    }
    if (q->error()) {
        return *q->error();
    }
    return points;
}

Result<int> ScanRepository::pruneOlderThan(std::int64_t unix)
{
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto q = m_db.prepare("DELETE FROM scans WHERE started_at < ?");
    if (!q) {
        return q.error();
    }
    if (auto r = q->bind(1, unix).run(); !r) {
        return r.error();
    }
    const int removed = m_db.changes();
    if (removed > 0) {
        if (auto r = FindingRuns(m_db).removeUnreferenced(); !r) {
            return r.error();
        }
    }
    if (auto r = tx->commit(); !r) {
        return r.error();
    }
    return removed;
}

} // namespace drydock
