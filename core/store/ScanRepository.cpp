#include "core/store/ScanRepository.h"

#include "core/common/Strings.h"
#include "core/findings/FindingKey.h"

namespace drydock {

namespace {

constexpr const char* kScanColumns =
    "id, endpoint, engine_version, api_version, started_at, finished_at, catalogue_version, "
    "critical, high, medium, low, info, waived, containers, images, networks, volumes, engine_name";

Error notFound(std::int64_t id)
{
    return Error::make(ErrorCode::NotFound, "There is no scan " + std::to_string(id) +
                                                " in the history (see `drydock history list`).");
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
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto insertScan = m_db.prepare(
        "INSERT INTO scans (endpoint, engine_version, api_version, started_at, finished_at, catalogue_version, "
        "critical, high, medium, low, info, waived, containers, images, networks, volumes, engine_name) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insertScan) {
        return insertScan.error();
    }
    const auto counts = scan.findings.countsBySeverity();
    insertScan->bind(1, scan.inventory.endpoint)
        .bind(2, scan.inventory.engineVersion)
        .bind(3, scan.inventory.apiVersion)
        .bind(4, scan.startedAtUnix)
        .bind(5, scan.finishedAtUnix)
        .bind(6, scan.catalogueVersion)
        .bind(7, counts[4])
        .bind(8, counts[3])
        .bind(9, counts[2])
        .bind(10, counts[1])
        .bind(11, counts[0])
        .bind(12, scan.findings.waivedCount())
        .bind(13, static_cast<std::int64_t>(scan.inventory.containers.size()))
        .bind(14, static_cast<std::int64_t>(scan.inventory.images.size()))
        .bind(15, static_cast<std::int64_t>(scan.inventory.networks.size()))
        .bind(16, static_cast<std::int64_t>(scan.inventory.volumes.size()))
        .bind(17, scan.inventory.engineName);
    if (auto r = insertScan->run(); !r) {
        return r.error();
    }
    const std::int64_t scanId = m_db.lastInsertId();

    auto insertArea = m_db.prepare("INSERT INTO scan_area_counts (scan_id, area, count) VALUES (?,?,?)");
    if (!insertArea) {
        return insertArea.error();
    }
    for (const auto& [area, n] : scan.findings.countsByArea()) {
        if (auto r = insertArea->bind(1, scanId).bind(2, std::string(toString(area))).bind(3, n).run(); !r) {
            return r.error();
        }
    }

    auto insertFinding = m_db.prepare(
        "INSERT INTO findings (scan_id, finding_key, rule_id, area, severity, cis_id, cis_version, object_type, "
        "object_id, object_name, discriminator, title, evidence, run_command, add_flags, "
        "remove_flags, compose, dockerfile, waiver_id, waiver_reason) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insertFinding) {
        return insertFinding.error();
    }
    auto insertText = m_db.prepare(
        "INSERT OR IGNORE INTO rule_texts (rule_id, catalogue_version, rationale, fix) VALUES (?,?,?,?)");
    if (!insertText) {
        return insertText.error();
    }
    std::string lastRule;
    for (const auto& f : scan.findings.all()) {
        Statement& s = insertFinding.value();
        s.bind(1, scanId)
            .bind(2, findingKey(f))
            .bind(3, f.ruleId)
            .bind(4, std::string(toString(f.area)))
            .bind(5, static_cast<int>(f.severity))
            .bind(6, f.cis.id)
            .bind(7, f.cis.version)
            .bind(8, std::string(toString(f.object.type)))
            .bind(9, f.object.id)
            .bind(10, f.object.name)
            .bind(11, f.discriminator)
            .bind(12, f.title)
            .bind(13, f.evidence)
            .bind(14, f.remediation.runCommand)
            .bind(15, join(f.remediation.addFlags, "\n"))
            .bind(16, join(f.remediation.removeFlags, "\n"))
            .bind(17, f.remediation.compose)
            .bind(18, f.remediation.dockerfile);
        if (f.waiver) {
            s.bind(19, f.waiver->waiverId).bind(20, f.waiver->reason);
        } else {
            s.bindNull(19).bindNull(20);
        }
        if (auto r = s.run(); !r) {
            return r.error();
        }
        if (f.ruleId != lastRule) { // findings arrive grouped by rule often enough to skip most repeats
            lastRule = f.ruleId;
            auto r = insertText->bind(1, f.ruleId).bind(2, scan.catalogueVersion).bind(3, f.rationale).bind(4, f.fix).run();
            if (!r) {
                return r.error();
            }
        }
    }
    if (auto r = tx->commit(); !r) {
        return r.error();
    }
    return scanId;
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
    auto q = m_db.prepare(std::string("SELECT ") + kScanColumns +
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
    auto q = m_db.prepare(std::string("SELECT ") + kScanColumns + " FROM scans WHERE id = ?");
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
    if (auto r = loadAreaCounts(stored.summary); !r) {
        return r.error();
    }
    auto f = m_db.prepare(
        "SELECT f.rule_id, f.area, f.severity, f.cis_id, f.cis_version, f.object_type, f.object_id, f.object_name, "
        "f.discriminator, f.title, f.evidence, COALESCE(t.rationale, ''), COALESCE(t.fix, ''), f.run_command, "
        "f.add_flags, f.remove_flags, f.compose, f.dockerfile, f.waiver_id, f.waiver_reason FROM findings f "
        "JOIN scans s ON s.id = f.scan_id "
        "LEFT JOIN rule_texts t ON t.rule_id = f.rule_id AND t.catalogue_version = s.catalogue_version "
        "WHERE f.scan_id = ? ORDER BY f.id");
    if (!f) {
        return f.error();
    }
    f->bind(1, scanId);
    while (f->step()) {
        Finding x;
        x.ruleId = f->text(0);
        x.area = areaFromString(f->text(1)).value_or(Area::Container);
        const auto sev = f->int64(2);
        x.severity = static_cast<Severity>(sev < 0 ? 0 : sev > 4 ? 4 : sev);
        x.cis = {f->text(3), f->text(4)};
        x.object.type = objectTypeFromString(f->text(5)).value_or(ObjectType::Container);
        x.object.id = f->text(6);
        x.object.name = f->text(7);
        x.discriminator = f->text(8);
        x.title = f->text(9);
        x.evidence = f->text(10);
        x.rationale = f->text(11);
        x.fix = f->text(12);
        x.remediation.runCommand = f->text(13);
        const std::string add = f->text(14);
        const std::string remove = f->text(15);
        if (!add.empty()) {
            x.remediation.addFlags = split(add, '\n');
        }
        if (!remove.empty()) {
            x.remediation.removeFlags = split(remove, '\n');
        }
        x.remediation.compose = f->text(16);
        x.remediation.dockerfile = f->text(17);
        if (!f->isNull(18)) {
            x.waiver = WaiverMark{f->int64(18), f->text(19), {}, std::nullopt};
        }
        stored.findings.push_back(std::move(x));
    }
    if (f->error()) {
        return *f->error();
    }
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
    auto a = load(baselineId);
    if (!a) {
        return a.error();
    }
    auto b = load(laterId);
    if (!b) {
        return b.error();
    }
    if (a->summary.endpoint != b->summary.endpoint) {
        return Error::make(ErrorCode::InvalidArgument,
                           "Scans " + std::to_string(baselineId) + " and " + std::to_string(laterId) +
                               " come from different endpoints (" + a->summary.endpoint + ", " + b->summary.endpoint +
                               "); compare scans of the same daemon.");
    }
    return ScanDelta::compute(a->findings, b->findings);
}

Result<std::vector<TrendPoint>> ScanRepository::trend(const std::string& endpoint, std::int64_t sinceUnix)
{
    // The last scan of each UTC day stands for that day.
    auto q = m_db.prepare(std::string("SELECT ") + kScanColumns + " FROM (SELECT *, ROW_NUMBER() OVER ("
                          "PARTITION BY started_at / 86400 ORDER BY started_at DESC, id DESC) AS rank_in_day "
                          "FROM scans WHERE endpoint = ?1 AND started_at >= ?2) WHERE rank_in_day = 1 "
                          "ORDER BY started_at");
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
        points.push_back({s->startedAtUnix / 86400 * 86400, s->id, s->counts, s->byArea});
    }
    if (q->error()) {
        return *q->error();
    }
    return points;
}

Result<std::vector<ObjectTrendPoint>> ScanRepository::objectTrend(const std::string& endpoint,
                                                                  const std::string& objectName, std::int64_t sinceUnix)
{
    auto q = m_db.prepare("SELECT s.id, s.started_at, COUNT(f.id), COALESCE(MAX(f.severity), 0) FROM scans s "
                          "LEFT JOIN findings f ON f.scan_id = s.id AND f.object_name = ?2 AND f.waiver_id IS NULL "
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
    if (auto r = tx->commit(); !r) {
        return r.error();
    }
    return removed;
}

} // namespace drydock
