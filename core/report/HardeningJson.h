#pragma once
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/HardeningRunner.h"
#include "core/hardening/probe/LeastPrivilegeProbe.h"

#include <optional>
#include <string>

namespace drydock::json {

// `drydock harden --format json` (schemaVersion 1):
// { "schemaVersion": 1, "object": { "type", "id", "name" }, "image",
//   "overview": [ { "area", "attackerToday", "findings": [] } ],
//   "changes": [ { "id", "area", "title", "reason", "risk", "automatic", "default", "choice", "waiveReason",
//                  "ruleIds": [], "addFlags": [], "removeFlags": [], "dockerfile",
//                  "onlyInBackup": [] (paths written in the container's layer where a tmpfs goes) } ],
//   "preview": { "before", "after", "diff", "compose", "dockerfile", "manualSteps": [] },
//   "composeFile": null | { "project", "service", "file", "diff", "notes": [] },  (docker compose created it)
//   "notes": [],
//   "trial": null | { "stayedUp", "state", "exitCode", "health", "summary", "logTail" },
//   "apply": null | { "applied", "rolledBack", "interrupted", "backupName", "watch": {…}, "notes": [] },
//   "probe": null | { "baseline": { "started", "state", "running", "exitCode", "restartCount", "health",
//                                   "listeningPorts": [] | null, "writtenPaths": [], "watchedSeconds" },
//                     "verdicts": [ { "changeId", "tolerated", "evidence", "addedBack": [], "tmpfsDirectories": [] } ],
//                     "combined": null | { "sameBehaviour", "evidence" }, "cancelled", "trials", "seconds" } }
//   (drydock harden --probe; the changes then carry its verdicts in choice and title)
std::string hardeningPlanToJson(const HardeningPlan& plan,
                                const std::optional<WatchReport>& trial = std::nullopt,
                                const std::optional<ApplyOutcome>& apply = std::nullopt,
                                const std::optional<ProbeResult>& probe = std::nullopt, int indent = 2);

} // namespace drydock::json

#include "core/store/ActionRepository.h"

namespace drydock::json {

// One action of `drydock history actions --format json`, as a single line:
// {"at", "endpoint", "objectType", "objectId", "objectName", "step", "outcome", "details"}
std::string actionToJsonLine(const ActionRecord& action);

} // namespace drydock::json
