#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/common/Strings.h"
#include "core/results/ScanResult.h"

#include <optional>
#include <string>
#include <vector>

namespace drydock {

class RuleCatalogue;

// What Drydock can say about one recommendation after a scan.
enum class BenchmarkVerdict
{
    Pass,          // every rule that checks it ran and found nothing open
    Fail,          // a rule that checks it has findings (waived ones included: the reason says so)
    NotApplicable, // nothing on this daemon it could apply to (swarm mode off, no such storage driver, …)
    NotChecked     // no rule checks it here: manual, or it needs access Drydock did not have (the reason says
                   // which)
};
const char* toString(BenchmarkVerdict verdict); // "pass", "fail", "not-applicable", "not-checked"

// A finding behind a verdict, as reports list it.
struct BenchmarkFindingRef
{
    std::string ruleId;
    Severity severity = Severity::Info;
    ObjectRef object;
    bool waived = false;
};

// One recommendation with Drydock's verdict.
struct BenchmarkItemResult
{
    CisItem item;
    std::string section; // its section's title
    BenchmarkVerdict verdict = BenchmarkVerdict::NotChecked;
    std::string reason; // why: "checked by CTR-004 on 12 containers", "manual: …", "needs root: …"
    StringList ruleIds; // the rules that check it
    std::vector<BenchmarkFindingRef> findings;
};

// The whole recommendation list of one version with a verdict each, and the counts by verdict.
struct BenchmarkCoverage
{
    CisVersion version = kDefaultCisVersion;
    std::vector<BenchmarkItemResult> items;
    int count(BenchmarkVerdict verdict) const;
};

// What a scan looked at. A scan read back from the history keeps the counts but not the inventory, and not
// whether swarm mode was on (nullopt: unknown, so swarm recommendations without findings are not checked).
struct ScanReach
{
    std::size_t images = 0;
    std::size_t containers = 0;
    std::size_t networks = 0;
    std::optional<bool> swarm;
};

// Decides each recommendation of version from a scan's findings (stored with the rules' references) and what
// the scan could see: the catalogue says which rules check which recommendation.
BenchmarkCoverage benchmarkCoverage(const ScanResult& scan, const RuleCatalogue& catalogue,
                                    CisVersion version);
// The same with what the scan looked at given apart (a stored scan's counts).
BenchmarkCoverage benchmarkCoverage(const ScanResult& scan, const RuleCatalogue& catalogue,
                                    CisVersion version, const ScanReach& reach);

} // namespace drydock
