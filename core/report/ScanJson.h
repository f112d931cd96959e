#pragma once
#include "core/common/Result.h"
#include "core/report/ReportData.h"
#include "core/results/ScanResult.h"

#include <string>
#include <string_view>

namespace drydock::json {

// The documented, stable JSON of `drydock scan --format json`, `drydock report --format json` and the GUI's JSON
// export. schemaVersion 2 (the default; JSON Schema in resources/schema/scan-v2.schema.json):
// { "schemaVersion": 2,
//   "scan": { "startedAt", "finishedAt", "endpoint", "engine" ("Docker" or "Podman"), "engineVersion", "apiVersion",
//             "catalogueVersion" },
//   "cis": { "version" } (the CIS Docker Benchmark version of every "cis" below: --cis, default 1.8.0),
//   "summary": { "critical", "high", "medium", "low", "info" (open findings), "total" (all), "waived",
//                "byArea": { "image": n, … } },
//   "objects": [ { "ref", "type", "id", "name", "remediation": null | { "runCommand", "compose" } } ],
//   "findings": [ { "ruleId", "area", "severity", "cis": { "id", "version" }, "objectRef",
//                   "title", "evidence", "rationale", "fix",
//                   "remediation": null | { "addFlags": [], "removeFlags": [], "dockerfile" },
//                   "waiver": null | { "id", "reason", "expiresAt" } } ],
//   "problems": [ { "objectType", "objectId", "message" } ],
//   "imageContents": [ { "imageId", "image", "os": { "id", "versionId", "prettyName", "codename" },
//                        "layers", "bytesRead",
//                        "packages": [ { "name", "version", "source", "sourceVersion", "arch", "ecosystem",
//                                        "license" } ],
//                        "vulnerabilities": [ { "id", "package", "installedVersion", "fixedVersion", "severity",
//                                               "cvss", "cvssVector", "title", "source" } ],
//                        "notes": [] } ],
//   "benchmark": { "version", "counts", "items": [ { "id", "section", "title", "verdict" ("pass", "fail",
//                  "not-applicable", "not-checked"), "reason", "rules", "findings": [ { "ruleId", "severity",
//                  "object": { "type", "name" }, "waived" } ] } ] } (core/report/BenchmarkReport.h) }
// A finding's "cis" is the rule's reference in the report's version, both empty when that version has none.
// "benchmark" is written for reports (ReportData with a catalogue), not by the ScanResult-only overloads.
// "objects" holds each object that has a finding in "findings" once, in the order of its first finding; its "ref"
// is "TYPE:ID" ("container:3f2a…"; the name stands in for an empty id), unique in the document, and a finding's
// "objectRef" is that string. An object's remediated `docker run` command and compose snippet (the object's
// command with the edits of all its findings, empty for objects that have none) are written there once — in
// schemaVersion 1 every finding repeated them, which made the JSON of ~3,100 findings 4.3 MB. Should the findings
// of one object ever carry different ones, the first non-empty one is written. What a single finding changes
// (flags to add and remove, a Dockerfile change) stays with the finding.
// schemaVersion 1 (deprecated, `--schema 1`, removed in the next release) has no "objects"; each finding has
// "object": { "type", "id", "name" } and "remediation": null | { "runCommand", "addFlags", "removeFlags", "compose",
// "dockerfile" }, and there is no "cis" or "benchmark" at the top; everything else is as above.
// "imageContents" is empty unless the scan analysed image contents (`scan --contents`, or the GUI's Scan ▸
// Analyse image contents). Both "remediation"s are null when remediation is left out (`report --no-remediation`).
// Evidence arrives masked from the rules; invalid UTF-8 from the daemon is replaced, never passed through.
inline constexpr int kScanJsonSchema = 2;           // written unless asked otherwise
inline constexpr int kScanJsonSchemaDeprecated = 1; // still written on request, for one release

// "2" or "1" as a schema version; anything else an InvalidArgument error naming the versions there are.
Result<int> parseScanJsonSchema(std::string_view text);

std::string scanToJson(const ScanResult& result, int indent = 2);
// The same schema for a report: waived findings left out of "findings" (and their objects out of "objects")
// unless data.includeWaived (the summary still counts them), remediation null unless data.includeRemediation,
// in data.jsonSchema.
std::string scanToJson(const ReportData& data, int indent = 2);
// schemaVersion kScanJsonSchemaDeprecated writes schema 1; any other value the current schema.
std::string scanToJson(const ScanResult& result, bool includeWaived, bool includeRemediation, int indent,
                       int schemaVersion = kScanJsonSchema);

} // namespace drydock::json
