#include "core/report/HardeningJson.h"

#include "core/remediation/RunCommandHardener.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

using ordered = nlohmann::ordered_json;

ordered watchJson(const WatchReport& w)
{
    return ordered{{"stayedUp", w.stayedUp}, {"state", w.state},     {"exitCode", w.exitCode},
                   {"health", w.health},     {"summary", w.summary}, {"logTail", w.logTail}};
}

ordered probeJson(const ProbeResult& r)
{
    const TrialObservation& b = r.baseline;
    ordered baseline{{"started", b.started},
                     {"state", b.state},
                     {"running", b.running},
                     {"exitCode", b.exitCode},
                     {"restartCount", b.restartCount},
                     {"health", b.health},
                     {"listeningPorts", b.listeningPorts ? ordered(*b.listeningPorts) : ordered()},
                     {"writtenPaths", b.writtenPaths},
                     {"watchedSeconds", b.watchedSeconds}};
    ordered verdicts = ordered::array();
    for (const auto& v : r.verdicts) {
        verdicts.push_back({{"changeId", v.changeId},
                            {"tolerated", v.tolerated},
                            {"evidence", v.evidence},
                            {"addedBack", v.addedBack},
                            {"tmpfsDirectories", v.tmpfsDirectories}});
    }
    return ordered{{"baseline", baseline},
                   {"verdicts", verdicts},
                   {"combined", r.combinedChecked ? ordered{{"sameBehaviour", r.combined.sameBehaviour},
                                                            {"evidence", r.combined.evidence}}
                                                  : ordered()},
                   {"cancelled", r.cancelled},
                   {"trials", r.trials},
                   {"rounds", r.rounds},
                   {"seconds", r.seconds}};
}

} // namespace

std::string hardeningPlanToJson(const HardeningPlan& plan, const std::optional<WatchReport>& trial,
                                const std::optional<ApplyOutcome>& apply,
                                const std::optional<ProbeResult>& probe, int indent)
{
    ordered root;
    root["schemaVersion"] = 1;
    root["object"] = {
        {"type", toString(plan.object.type)}, {"id", plan.object.id}, {"name", plan.object.name}};
    root["image"] = plan.imageRef;
    root["overview"] = ordered::array();
    for (const auto& o : plan.overview) {
        root["overview"].push_back(
            {{"area", toString(o.area)}, {"attackerToday", o.attackerToday}, {"findings", o.findings}});
    }
    root["changes"] = ordered::array();
    for (const auto& c : plan.changes) {
        Remediation r;
        r.edits = c.edits;
        renderEditFlags(r);
        root["changes"].push_back({{"id", c.id},
                                   {"area", toString(c.area)},
                                   {"title", c.title},
                                   {"reason", c.reason},
                                   {"risk", c.risk},
                                   {"automatic", c.automatic},
                                   {"default", toString(c.defaultChoice)},
                                   {"choice", toString(c.choice)},
                                   {"waiveReason", c.waiveReason},
                                   {"ruleIds", c.ruleIds},
                                   {"addFlags", r.addFlags},
                                   {"removeFlags", r.removeFlags},
                                   {"dockerfile", c.dockerfile},
                                   {"onlyInBackup", c.onlyInBackup}});
    }
    const HardeningPreview p = makePreview(plan);
    root["preview"] = {
        {"before", p.beforeCommand}, {"after", p.afterCommand},    {"diff", p.diff},
        {"compose", p.compose},      {"dockerfile", p.dockerfile}, {"manualSteps", p.manualSteps}};
    if (plan.composeFile) {
        // Where docker compose keeps the container: the chosen edits made to its service in that file.
        const ComposeOriginFix& c = *plan.composeFile;
        root["composeFile"] = {{"project", c.origin.project},
                               {"service", c.origin.service},
                               {"file", c.file},
                               {"diff", c.diff},
                               {"notes", c.notes}};
    } else {
        root["composeFile"] = nullptr;
    }
    root["notes"] = plan.notes;
    root["trial"] = trial ? watchJson(*trial) : ordered();
    if (apply) {
        root["apply"] = {{"applied", apply->applied},
                         {"rolledBack", apply->rolledBack},
                         {"interrupted", apply->interrupted},
                         {"live", apply->live},
                         {"backupName", apply->backupName},
                         {"watch", watchJson(apply->watch)},
                         {"notes", apply->notes}};
    } else {
        root["apply"] = nullptr;
    }
    root["probe"] = probe ? probeJson(*probe) : ordered();
    return root.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace drydock::json

#include "core/common/Time.h"

namespace drydock::json {

std::string actionToJsonLine(const ActionRecord& a)
{
    const ordered j{{"at", formatRfc3339(a.atUnix)}, {"endpoint", a.endpoint},
                    {"objectType", a.objectType},    {"objectId", a.objectId},
                    {"objectName", a.objectName},    {"step", a.step},
                    {"outcome", a.outcome},          {"details", a.details}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace drydock::json
