#pragma once
#include "core/cis/BenchmarkCoverage.h"
#include "core/report/JsonWriter.h"
#include "core/results/ScanResult.h"

#include <cstdint>
#include <string>

namespace drydock {

// The "benchmark" object of the scan JSON and of `drydock benchmark --format json`:
// {"version", "counts": {"pass", "fail", "not-applicable", "not-checked"}, "items": [{"id", "section",
// "title",
//  "verdict", "reason", "rules": [], "findings": [{"ruleId", "severity", "object": {"type", "name"},
//  "waived"}]}]}
void writeBenchmarkJson(JsonWriter& w, const BenchmarkCoverage& coverage);

// `drydock benchmark --format json`: {"cis": {"version"}, "scan": {"id" (0: not stored), "endpoint",
// "startedAt"}, "benchmark": {…as above}}.
std::string benchmarkToJson(const BenchmarkCoverage& coverage, const ScanResult& scan, std::int64_t scanId);

// `drydock benchmark`'s text: the counts, then each section's heading and one line per recommendation
// ("2.8  fail            Ensure TLS authentication …  — 1 finding of DMN-001"). Untrusted text (object names)
// never appears: reasons name rules and counts only.
std::string benchmarkText(const BenchmarkCoverage& coverage, const ScanResult& scan, std::int64_t scanId);

// "118 recommendations: 12 pass, 5 fail, 3 not applicable, 98 not checked".
std::string benchmarkCountsLine(const BenchmarkCoverage& coverage);

} // namespace drydock
