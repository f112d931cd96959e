#include "core/store/FindingRuns.h"

#include "core/common/Sha256.h"
#include "core/common/Strings.h"
#include "core/findings/FindingSet.h"

#include <unordered_map>

namespace drydock {

namespace {

constexpr const char* kOpenRuns =
    "SELECT b.digest, r.body_id, r.first_scan FROM finding_runs r JOIN finding_bodies b ON b.id = r.body_id "
    "WHERE r.chain_id = ?1 AND r.last_scan = ?2";
constexpr const char* kBodyByDigest = "SELECT id FROM finding_bodies WHERE digest = ?1";
constexpr const char* kInsertBody =
    "INSERT INTO finding_bodies (digest, rule_id, area, severity, cis_id, cis_version, object_type, object_id, "
    "object_name, discriminator, title, evidence, add_flags, remove_flags, dockerfile, remediation_id, waiver_id, "
    "waiver_reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)";
constexpr const char* kRemediationByDigest = "SELECT id FROM object_remediations WHERE digest = ?1";
constexpr const char* kInsertRemediation =
    "INSERT INTO object_remediations (digest, run_command, compose) VALUES (?1, ?2, ?3)";
constexpr const char* kOpenRun =
    "INSERT INTO finding_runs (chain_id, last_scan, first_scan, body_id) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kCloseRun = "UPDATE finding_runs SET last_scan = ?5 "
                                  "WHERE chain_id = ?1 AND last_scan = ?2 AND first_scan = ?3 AND body_id = ?4";
constexpr const char* kFindingColumns =
    "SELECT b.rule_id, b.area, b.severity, b.cis_id, b.cis_version, b.object_type, b.object_id, b.object_name, "
    "b.discriminator, b.title, b.evidence, COALESCE(t.rationale, ''), COALESCE(t.fix, ''), "
    "COALESCE(m.run_command, ''), b.add_flags, b.remove_flags, COALESCE(m.compose, ''), b.dockerfile, b.waiver_id, "
    "b.waiver_reason FROM finding_runs r JOIN finding_bodies b ON b.id = r.body_id "
    "LEFT JOIN object_remediations m ON m.id = b.remediation_id "
    "LEFT JOIN rule_texts t ON t.rule_id = b.rule_id AND t.catalogue_version = ?3 "
    "WHERE r.chain_id = ?1 AND r.last_scan >= ?2 AND r.first_scan <= ?2 ";
const std::string kScanFindings = std::string(kFindingColumns) + "ORDER BY b.id";
// Runs that held the baseline (?2) and have ended since: closed, so last_scan < the open mark (?4).
const std::string kEndedFindings = std::string(kFindingColumns) + "AND r.last_scan < ?4 ORDER BY b.id";

// A SHA-256 over length-prefixed fields, so ("ab", "c") and ("a", "bc") differ; 128 bits kept as hex. The fields
// are gathered first and hashed in one pass (thousands of findings per scan, a dozen short fields each).
class ContentDigest
{
public:
    ContentDigest& add(std::string_view field)
    {
        m_bytes += std::to_string(field.size());
        m_bytes += ':';
        m_bytes += field;
        return *this;
    }
    ContentDigest& add(std::int64_t value) { return add(std::to_string(value)); }
    std::string hex()
    {
        static constexpr char digits[] = "0123456789abcdef";
        Sha256 sha;
        sha.update(m_bytes);
        const auto bytes = sha.finish();
        std::string out;
        for (std::size_t i = 0; i < 16; ++i) {
            out += digits[bytes[i] >> 4];
            out += digits[bytes[i] & 15];
        }
        return out;
    }

private:
    std::string m_bytes;
};

std::string remediationDigest(const Remediation& r)
{
    return ContentDigest().add("remediation").add(r.runCommand).add(r.compose).hex();
}

// Everything a finding says except rationale and fix (the rule's words, stored per catalogue version).
std::string bodyDigest(const Finding& f, const std::string& remediation, int copy)
{
    ContentDigest d;
    d.add("finding").add(f.ruleId).add(toString(f.area)).add(static_cast<int>(f.severity)).add(f.cis.id);
    d.add(f.cis.version).add(toString(f.object.type)).add(f.object.id).add(f.object.name).add(f.discriminator);
    d.add(f.title).add(f.evidence).add(join(f.remediation.addFlags, "\n")).add(join(f.remediation.removeFlags, "\n"));
    d.add(f.remediation.dockerfile).add(remediation);
    if (f.waiver) {
        d.add("waived").add(f.waiver->waiverId).add(f.waiver->reason);
    }
    if (copy > 0) { // the same finding twice in one scan is two rows, as it was before runs
        d.add("copy").add(copy);
    }
    return d.hex();
}

// An open run of the chain as the previous scan left it.
struct OpenRun
{
    std::int64_t bodyId = 0;
    std::int64_t firstScan = 0;
    bool continued = false;
};

Result<std::optional<std::int64_t>> idOf(Statement& lookup, const std::string& digest)
{
    lookup.reset();
    lookup.bind(1, digest);
    if (lookup.step()) {
        const std::int64_t id = lookup.int64(0);
        lookup.reset();
        return std::optional<std::int64_t>(id);
    }
    if (lookup.error()) {
        return *lookup.error();
    }
    lookup.reset();
    return std::optional<std::int64_t>();
}

} // namespace

Finding FindingRuns::findingFromRow(const Statement& row)
{
    Finding x;
    x.ruleId = row.text(0);
    x.area = areaFromString(row.text(1)).value_or(Area::Container);
    const auto sev = row.int64(2);
    x.severity = static_cast<Severity>(sev < 0 ? 0 : sev > 4 ? 4 : sev);
    x.cis = {row.text(3), row.text(4)};
    x.object.type = objectTypeFromString(row.text(5)).value_or(ObjectType::Container);
    x.object.id = row.text(6);
    x.object.name = row.text(7);
    x.discriminator = row.text(8);
    x.title = row.text(9);
    x.evidence = row.text(10);
    x.rationale = row.text(11);
    x.fix = row.text(12);
    x.remediation.runCommand = row.text(13);
    if (const std::string add = row.text(14); !add.empty()) {
        x.remediation.addFlags = split(add, '\n');
    }
    if (const std::string remove = row.text(15); !remove.empty()) {
        x.remediation.removeFlags = split(remove, '\n');
    }
    x.remediation.compose = row.text(16);
    x.remediation.dockerfile = row.text(17);
    if (!row.isNull(18)) {
        x.waiver = WaiverMark{row.int64(18), row.text(19), {}, std::nullopt};
    }
    return x;
}

std::vector<std::string> FindingRuns::statementsOnTheSavePath()
{
    return {kOpenRuns, kBodyByDigest, kRemediationByDigest, kOpenRun, kCloseRun, kScanFindings, kEndedFindings};
}

Result<void> FindingRuns::record(std::int64_t chainId, std::int64_t scanId, const std::vector<Finding>& findings,
                                 std::vector<std::int64_t>* runFirstScans)
{
    if (runFirstScans) {
        runFirstScans->clear();
        runFirstScans->reserve(findings.size());
    }
    auto openRuns = m_db.prepare(kOpenRuns);
    auto bodyById = m_db.prepare(kBodyByDigest);
    auto insertBody = m_db.prepare(kInsertBody);
    auto remediationById = m_db.prepare(kRemediationByDigest);
    auto insertRemediation = m_db.prepare(kInsertRemediation);
    auto openRun = m_db.prepare(kOpenRun);
    auto closeRun = m_db.prepare(kCloseRun);
    for (auto* s : {&openRuns, &bodyById, &insertBody, &remediationById, &insertRemediation, &openRun, &closeRun}) {
        if (!*s) {
            return s->error();
        }
    }

    std::unordered_map<std::string, OpenRun> open;
    openRuns->bind(1, chainId).bind(2, kOpen);
    while (openRuns->step()) {
        open.emplace(openRuns->text(0), OpenRun{openRuns->int64(1), openRuns->int64(2), false});
    }
    if (openRuns->error()) {
        return *openRuns->error();
    }

    // A container's command is shared by its findings: digest and store it once per distinct text.
    std::unordered_map<std::string, std::string> remediationDigests; // command + compose -> digest
    std::unordered_map<std::string, std::int64_t> remediationIds;    // digest -> row
    std::unordered_map<std::string, int> copies;                     // body digest -> times seen in this scan
    for (const Finding& f : findings) {
        std::string remediation;
        if (!f.remediation.runCommand.empty() || !f.remediation.compose.empty()) {
            const std::string text = f.remediation.runCommand + '\0' + f.remediation.compose;
            auto it = remediationDigests.find(text);
            if (it == remediationDigests.end()) {
                it = remediationDigests.emplace(text, remediationDigest(f.remediation)).first;
            }
            remediation = it->second;
        }
        const std::string base = bodyDigest(f, remediation, 0);
        const int copy = copies[base]++;
        const std::string digest = copy == 0 ? base : bodyDigest(f, remediation, copy);
        if (auto run = open.find(digest); run != open.end()) {
            run->second.continued = true;
            if (runFirstScans) {
                runFirstScans->push_back(run->second.firstScan);
            }
            continue;
        }
        if (runFirstScans) {
            runFirstScans->push_back(scanId);
        }

        auto bodyId = idOf(bodyById.value(), digest);
        if (!bodyId) {
            return bodyId.error();
        }
        if (!bodyId.value()) {
            std::optional<std::int64_t> remediationId;
            if (!remediation.empty()) {
                auto known = remediationIds.find(remediation);
                if (known == remediationIds.end()) {
                    auto id = idOf(remediationById.value(), remediation);
                    if (!id) {
                        return id.error();
                    }
                    if (!id.value()) {
                        auto r = insertRemediation->bind(1, remediation)
                                     .bind(2, f.remediation.runCommand)
                                     .bind(3, f.remediation.compose)
                                     .run();
                        if (!r) {
                            return r.error();
                        }
                        id.value() = m_db.lastInsertId();
                    }
                    known = remediationIds.emplace(remediation, *id.value()).first;
                }
                remediationId = known->second;
            }
            Statement& s = insertBody.value();
            s.bind(1, digest)
                .bind(2, f.ruleId)
                .bind(3, std::string(toString(f.area)))
                .bind(4, static_cast<int>(f.severity))
                .bind(5, f.cis.id)
                .bind(6, f.cis.version)
                .bind(7, std::string(toString(f.object.type)))
                .bind(8, f.object.id)
                .bind(9, f.object.name)
                .bind(10, f.discriminator)
                .bind(11, f.title)
                .bind(12, f.evidence)
                .bind(13, join(f.remediation.addFlags, "\n"))
                .bind(14, join(f.remediation.removeFlags, "\n"))
                .bind(15, f.remediation.dockerfile)
                .bindOptional(16, remediationId);
            if (f.waiver) {
                s.bind(17, f.waiver->waiverId).bind(18, f.waiver->reason);
            } else {
                s.bindNull(17).bindNull(18);
            }
            if (auto r = s.run(); !r) {
                return r.error();
            }
            bodyId.value() = m_db.lastInsertId();
        }
        if (auto r = openRun->bind(1, chainId).bind(2, kOpen).bind(3, scanId).bind(4, *bodyId.value()).run(); !r) {
            return r.error();
        }
    }

    // What the previous scan had and this one has not ends with the scan before this one.
    for (const auto& [digest, run] : open) {
        if (run.continued) {
            continue;
        }
        auto r = closeRun->bind(1, chainId).bind(2, kOpen).bind(3, run.firstScan).bind(4, run.bodyId).bind(5, scanId - 1).run();
        if (!r) {
            return r.error();
        }
    }
    return success();
}

Result<std::vector<Finding>> FindingRuns::load(std::int64_t chainId, std::int64_t scanId,
                                               const std::string& catalogueVersion)
{
    auto f = m_db.prepare(kScanFindings);
    if (!f) {
        return f.error();
    }
    f->bind(1, chainId).bind(2, scanId).bind(3, catalogueVersion);
    return readSorted(f.value());
}

Result<std::vector<Finding>> FindingRuns::loadEndedSince(std::int64_t chainId, std::int64_t baselineId,
                                                         const std::string& catalogueVersion)
{
    auto f = m_db.prepare(kEndedFindings);
    if (!f) {
        return f.error();
    }
    f->bind(1, chainId).bind(2, baselineId).bind(3, catalogueVersion).bind(4, kOpen);
    return readSorted(f.value());
}

Result<std::vector<Finding>> FindingRuns::readSorted(Statement& f)
{
    std::vector<Finding> findings;
    while (f.step()) {
        findings.push_back(findingFromRow(f));
    }
    if (f.error()) {
        return *f.error();
    }
    FindingSet sorted(std::move(findings));
    sorted.sort();
    return std::move(sorted.mutableAll());
}

Result<void> FindingRuns::removeUnreferenced()
{
    return m_db.exec(
        "DELETE FROM finding_runs WHERE NOT EXISTS (SELECT 1 FROM scans s WHERE s.chain_id = finding_runs.chain_id "
        "AND s.id BETWEEN finding_runs.first_scan AND finding_runs.last_scan);"
        "DELETE FROM finding_bodies WHERE NOT EXISTS (SELECT 1 FROM finding_runs r WHERE r.body_id = finding_bodies.id);"
        "DELETE FROM object_remediations WHERE NOT EXISTS "
        "(SELECT 1 FROM finding_bodies b WHERE b.remediation_id = object_remediations.id);");
}

} // namespace drydock
