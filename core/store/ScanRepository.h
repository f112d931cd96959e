#pragma once
#include "core/common/Result.h"
#include "core/findings/ScanDelta.h"
#include "core/results/ScanResult.h"
#include "core/store/SqliteDatabase.h"

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace drydock {

// One stored scan's metadata and counts, as the history lists it.
struct ScanSummary
{
    std::int64_t id = 0;
    std::string endpoint;
    std::string engineName = "Docker";
    std::string engineVersion;
    std::string apiVersion;
    std::int64_t startedAtUnix = 0;
    std::int64_t finishedAtUnix = 0;
    std::string catalogueVersion;
    std::array<int, severityCount> counts{}; // open findings by severity
    int waived = 0;
    int containers = 0;
    int images = 0;
    int networks = 0;
    int volumes = 0;
    std::map<std::string, int> byArea;
    int objects() const { return containers + images + networks + volumes; }
    int total() const;
};

// A stored scan read back whole: its summary and its findings.
struct StoredScan
{
    ScanSummary summary;
    std::vector<Finding> findings;
};

// One point of a trend: the last scan of a calendar day in local time.
struct TrendPoint
{
    // The local calendar date the point stands for, as the Unix time of that date's midnight in UTC: it prints
    // (formatRfc3339) and compares as the date, and points of several endpoints combine by it.
    std::int64_t dayStartUnix = 0;
    std::int64_t scanId = 0;
    std::array<int, severityCount> counts{};
    std::map<std::string, int> byArea;
};

// One scan's findings on one object, a point of that object's trend.
struct ObjectTrendPoint
{
    std::int64_t scanId = 0;
    std::int64_t startedAtUnix = 0;
    int findings = 0;
    Severity worst = Severity::Info;
};

// A scan as saveWithRuns() stored it: its id, its endpoint's chain, and for each of its findings (in the scan's order)
// the first scan of the run it belongs to — its own id when the endpoint's newest scan did not have it.
struct SavedScan
{
    std::int64_t id = 0;
    std::int64_t chainId = 0;
    std::vector<std::int64_t> runFirstScans;
};

// Stores scans and reads them back: lists, single scans, deltas, trends, retention.
class ScanRepository
{
public:
    explicit ScanRepository(SqliteDatabase& db) : m_db(db) {}

    // Writes the scan and its findings (as runs: only what changed since the endpoint's previous scan adds rows)
    // in one transaction: a crash leaves either all of it or none.
    Result<std::int64_t> save(const ScanResult& scan);
    // The same, and for each finding where its run began: what the delta() below needs.
    Result<SavedScan> saveWithRuns(const ScanResult& scan);
    Result<std::vector<ScanSummary>> list(const std::string& endpoint = {}, int limit = 1000);
    Result<StoredScan> load(std::int64_t scanId);
    // The newest scan of the endpoint strictly before `beforeScanId` (0: the newest of all).
    Result<std::optional<std::int64_t>> latest(const std::string& endpoint, std::int64_t beforeScanId = 0);
    Result<ScanDelta> delta(std::int64_t baselineId, std::int64_t laterId);
    // From a stored scan of the same endpoint to the scan just saved (as saveWithRuns() returned it): the baseline is
    // the saved findings whose runs began by then plus the findings that went away since — only those are read.
    Result<ScanDelta> delta(std::int64_t baselineId, const ScanResult& later, const SavedScan& saved);
    Result<std::vector<TrendPoint>> trend(const std::string& endpoint, std::int64_t sinceUnix);
    Result<std::vector<ObjectTrendPoint>> objectTrend(const std::string& endpoint, const std::string& objectName,
                                                      std::int64_t sinceUnix);
    // Deletes scans started before the moment; returns how many.
    Result<int> pruneOlderThan(std::int64_t unix);

private:
    Result<ScanSummary> summaryOf(Statement& row);
    // The id of the endpoint's chain of scans, created on its first scan.
    Result<std::int64_t> chainOf(const std::string& endpoint);
    Result<void> saveRuleTexts(const ScanResult& scan);
    Result<ScanDelta> deltaFrom(std::int64_t baselineId, const std::string& laterEndpoint,
                                const std::string& laterName, const std::vector<Finding>& later);
    Result<void> loadAreaCounts(ScanSummary& summary);
    SqliteDatabase& m_db;
};

} // namespace drydock
