#pragma once
#include "core/common/Result.h"
#include "core/findings/Finding.h"
#include "core/store/SqliteDatabase.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace drydock {

// Stores the findings of each scan as runs. A finding body (everything the finding says: rule, object, title,
// evidence, flags, waiver) is stored once, content-addressed; a container's remediated command and compose
// snippet once per distinct text; and a run records that one body was in every scan of one endpoint from its
// first scan to its last. A scan that changes nothing adds no finding rows, and saving or reading the newest
// scans touches only the runs that are still open or closed since — never the rest of the history.
class FindingRuns
{
public:
    // last_scan of a run that is still open: the body is in the endpoint's newest scan.
    static constexpr std::int64_t kOpen = std::numeric_limits<std::int64_t>::max();

    explicit FindingRuns(SqliteDatabase& db) : m_db(db) {}

    // Records that scanId — newer than every scan recorded for the chain — holds exactly these findings.
    // Runs inside the caller's transaction. runFirstScans, when given, receives for each finding (in order) the
    // first scan of its run: scanId itself for a finding the chain's newest scan did not have.
    Result<void> record(std::int64_t chainId, std::int64_t scanId, const std::vector<Finding>& findings,
                        std::vector<std::int64_t>* runFirstScans = nullptr);
    // The findings of one stored scan of the chain, sorted like a FindingSet; rationale and fix from the rule
    // texts of the scan's catalogue version.
    Result<std::vector<Finding>> load(std::int64_t chainId, std::int64_t scanId, const std::string& catalogueVersion);
    // The findings of the chain's scan baselineId whose runs have ended since (none still open), as load()
    // reads them. With a later scan's findings whose runs began at or before baselineId, they make up the
    // baseline exactly — so a delta reads only what went away, never the unchanged findings again.
    Result<std::vector<Finding>> loadEndedSince(std::int64_t chainId, std::int64_t baselineId,
                                                const std::string& catalogueVersion);
    // After scans were deleted: removes the runs no stored scan is in, then bodies and remediations no run uses.
    Result<void> removeUnreferenced();

    // A finding from a row whose columns are, in order: rule_id, area, severity, cis_id, cis_version, object_type,
    // object_id, object_name, discriminator, title, evidence, rationale, fix, run_command, add_flags (one per
    // line), remove_flags, compose, dockerfile, waiver_id, waiver_reason.
    static Finding findingFromRow(const Statement& row);

    // The statements that saving a scan and comparing it with the previous one execute, for the test that
    // checks their query plans never scan a whole table.
    static std::vector<std::string> statementsOnTheSavePath();

private:
    // The rows of a findings query, as findings sorted like a FindingSet.
    static Result<std::vector<Finding>> readSorted(Statement& query);
    SqliteDatabase& m_db;
};

} // namespace drydock
