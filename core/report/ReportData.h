#pragma once
#include "core/cis/BenchmarkCoverage.h"
#include "core/cis/CisBenchmark.h"
#include "core/common/Result.h"
#include "core/findings/ScanDelta.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// How much of a scan a person's report (HTML, PDF) shows; JSON, SARIF and CSV always hold every finding.
enum class ReportDetail
{
    Summary, // the one-page summary alone: score, trend, charts, changes, fix first, quick wins
    Objects, // the summary, one compact block per object, the rules referenced, waivers and the appendix
    Full     // as objects, plus each finding's own remediation (folded in HTML)
};
const char* toString(ReportDetail detail); // "summary", "objects", "full"
// The detail called name; otherwise an InvalidArgument error naming the accepted values.
Result<ReportDetail> parseReportDetail(std::string_view name);

// One earlier scan's posture score: a point of the summary's trend since the baseline.
struct ScorePoint
{
    std::int64_t scanId = 0;
    std::int64_t atUnix = 0;
    int score = 100;
};

// Everything a report shows: one scan, where it is kept in the history, the changes since its baseline,
// and the catalogue for rule texts and the practices appendix. Reports never re-evaluate anything.
struct ReportData
{
    const ScanResult* scan = nullptr;
    const RuleCatalogue* catalogue = nullptr;
    std::int64_t scanId = 0;               // 0 when not stored
    std::optional<ScanDelta> delta;        // changes since the baseline, when there is one
    std::int64_t baselineScanId = 0;
    bool includeWaived = true;
    bool includeRemediation = true;
    int jsonSchema = 2; // the scan JSON's schemaVersion (json::kScanJsonSchema); 1 is deprecated
    std::string title = "Drydock security report";
    // Objects scanned, for the posture score; -1 counts the inventory (a stored scan has no inventory).
    int objectCount = -1;
    int objects() const;
    ReportDetail detail = ReportDetail::Objects;
    // Scores from the baseline (or the last scans) up to this one, oldest first; empty without history.
    std::vector<ScorePoint> scoreTrend;
    // `drydock check`: each fixable file's fix as a unified diff, by the path its findings' locations name.
    std::map<std::string, std::string> fileDiffs;
    // The CIS Docker Benchmark version every report shows its references in (--cis): the scan and the delta
    // keep the rules' own references, and each writer translates them as it writes (translateCis).
    CisVersion cisVersion = kDefaultCisVersion;
    // The benchmark list with a verdict per recommendation; without it, reports with a catalogue compute it
    // from the scan (reportCoverage). A scan read back from the history sets it: it has counts, no inventory.
    std::optional<BenchmarkCoverage> benchmark;
};

// The benchmark coverage a report shows in data.cisVersion: data.benchmark, or computed from the scan when
// the report has a catalogue; nullopt without either.
std::optional<BenchmarkCoverage> reportCoverage(const ReportData& data);

// Cuts untrusted text (labels can be 1 MB) to a size a report can show, on a UTF-8 boundary.
std::string reportText(const std::string& text, std::size_t maxBytes = 4096);

// The most of a command (or a compose or Dockerfile snippet) any report shows.
inline constexpr std::size_t kReportCommandBytes = 16384;
// Text a person copies out of a report is never cut: a cut can fall inside a quote and turn the rest of a
// value into commands. A command longer than maxBytes, or one holding hidden characters (recorded by an
// older Drydock), is replaced whole by one comment line saying why and where to get it.
std::string reportCommand(const std::string& command, std::size_t maxBytes = kReportCommandBytes);

} // namespace drydock
