#pragma once
#include "core/report/ReportData.h"
#include "core/results/ScanResult.h"

#include <string>

namespace drydock::json {

// The documented, stable JSON of `drydock scan --format json` (schemaVersion 1):
// { "schemaVersion": 1,
//   "scan": { "startedAt", "finishedAt", "endpoint", "engine" ("Docker" or "Podman"), "engineVersion", "apiVersion",
//             "catalogueVersion" },
//   "summary": { "critical", "high", "medium", "low", "info" (open findings), "total" (all), "waived",
//                "byArea": { "image": n, … } },
//   "findings": [ { "ruleId", "area", "severity", "cis": { "id", "version" },
//                   "object": { "type", "id", "name" }, "title", "evidence", "rationale", "fix",
//                   "remediation": { "runCommand", "addFlags": [], "removeFlags": [], "compose", "dockerfile" },
//                   "waiver": null | { "id", "reason", "expiresAt" } } ],
//   "problems": [ { "objectType", "objectId", "message" } ],
//   "imageContents": [ { "imageId", "image", "os": { "id", "versionId", "prettyName", "codename" },
//                        "layers", "bytesRead",
//                        "packages": [ { "name", "version", "source", "sourceVersion", "arch", "ecosystem",
//                                        "license" } ],
//                        "vulnerabilities": [ { "id", "package", "installedVersion", "fixedVersion", "severity",
//                                               "cvss", "cvssVector", "title", "source" } ],
//                        "notes": [] } ] }
// "imageContents" is empty unless the scan analysed image contents (`scan --contents`, or the GUI's Scan ▸
// Analyse image contents); it was added within schemaVersion 1 because readers that ignore it lose nothing.
// Evidence arrives masked from the rules; invalid UTF-8 from the daemon is replaced, never passed through.
std::string scanToJson(const ScanResult& result, int indent = 2);
// The same schema for a report: waived findings left out of "findings" unless data.includeWaived (the summary
// still counts them), "remediation": null unless data.includeRemediation.
std::string scanToJson(const ReportData& data, int indent = 2);
std::string scanToJson(const ScanResult& result, bool includeWaived, bool includeRemediation, int indent);

} // namespace drydock::json
