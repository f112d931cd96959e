#include "core/report/HistoryJson.h"

#include "core/common/Time.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

using ordered = nlohmann::ordered_json;

std::string dump(const ordered& j) { return j.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n"; }

ordered countsJson(const std::array<int, severityCount>& counts)
{
    ordered j;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        j[toString(s)] = counts[static_cast<int>(s)];
    }
    return j;
}

ordered summaryJson(const ScanSummary& s)
{
    ordered j;
    j["id"] = s.id;
    j["endpoint"] = s.endpoint;
    j["engineVersion"] = s.engineVersion;
    j["apiVersion"] = s.apiVersion;
    j["startedAt"] = formatRfc3339(s.startedAtUnix);
    j["finishedAt"] = formatRfc3339(s.finishedAtUnix);
    j["catalogueVersion"] = s.catalogueVersion;
    j["counts"] = countsJson(s.counts);
    j["waived"] = s.waived;
    j["containers"] = s.containers;
    j["images"] = s.images;
    j["byArea"] = s.byArea;
    return j;
}

ordered findingJson(const Finding& f)
{
    ordered j;
    j["ruleId"] = f.ruleId;
    j["area"] = toString(f.area);
    j["severity"] = toString(f.severity);
    j["cis"] = {{"id", f.cis.id}, {"version", f.cis.version}};
    j["object"] = {{"type", toString(f.object.type)}, {"id", f.object.id}, {"name", f.object.name}};
    j["title"] = f.title;
    j["evidence"] = f.evidence;
    j["fix"] = f.fix;
    if (f.waiver) {
        j["waiver"] = {{"id", f.waiver->waiverId}, {"reason", f.waiver->reason}};
    }
    return j;
}

ordered findingsJson(const std::vector<Finding>& findings)
{
    ordered a = ordered::array();
    for (const auto& f : findings) {
        a.push_back(findingJson(f));
    }
    return a;
}

} // namespace

std::string scanListToJson(const std::vector<ScanSummary>& scans)
{
    ordered a = ordered::array();
    for (const auto& s : scans) {
        a.push_back(summaryJson(s));
    }
    return dump({{"scans", a}});
}

std::string alertsToJson(const std::vector<Alert>& alerts)
{
    ordered a = ordered::array();
    for (const auto& alert : alerts) {
        ordered j;
        j["id"] = alert.id;
        j["at"] = formatRfc3339(alert.atUnix);
        j["endpoint"] = alert.endpoint;
        j["objectType"] = toString(alert.object.type);
        j["objectId"] = alert.object.id;
        j["object"] = alert.object.name;
        j["rules"] = alert.ruleIds;
        j["severity"] = toString(alert.severity);
        j["sentence"] = alert.sentence;
        a.push_back(std::move(j));
    }
    return dump({{"alerts", a}});
}

std::string storedScanToJson(const StoredScan& scan)
{
    ordered j;
    j["scan"] = summaryJson(scan.summary);
    j["findings"] = findingsJson(scan.findings);
    return dump(j);
}

std::string deltaToJson(const ScanSummary& baseline, const ScanSummary& later, const ScanDelta& delta)
{
    ordered j;
    j["baseline"] = summaryJson(baseline);
    j["scan"] = summaryJson(later);
    j["new"] = findingsJson(delta.newFindings);
    j["resolved"] = findingsJson(delta.resolved);
    j["unchanged"] = delta.unchanged;
    return dump(j);
}

std::string trendToJson(const std::vector<TrendPoint>& points)
{
    ordered a = ordered::array();
    for (const auto& p : points) {
        ordered j;
        j["day"] = formatRfc3339(p.dayStartUnix).substr(0, 10);
        j["scanId"] = p.scanId;
        j["counts"] = countsJson(p.counts);
        j["byArea"] = p.byArea;
        a.push_back(j);
    }
    return dump({{"trend", a}});
}

std::string waiversToJson(const std::vector<Waiver>& waivers)
{
    ordered a = ordered::array();
    for (const auto& w : waivers) {
        ordered j;
        j["scope"] = toString(w.scope);
        j["ruleId"] = w.ruleId;
        j["object"] = w.objectPattern;
        j["reason"] = w.reason;
        j["author"] = w.author;
        j["createdAt"] = formatRfc3339(w.createdAtUnix);
        j["expiresAt"] = w.expiresAtUnix ? ordered(formatRfc3339(*w.expiresAtUnix)) : ordered(nullptr);
        j["endpoint"] = w.endpoint;
        a.push_back(j);
    }
    return dump({{"drydockWaivers", 1}, {"waivers", a}});
}

Result<std::vector<Waiver>> waiversFromJson(std::string_view text)
{
    const auto root = nlohmann::json::parse(text, nullptr, false);
    const auto bad = [](const std::string& why) {
        return Error::make(ErrorCode::InvalidArgument, "This is not a Drydock waiver file: " + why + ".");
    };
    if (root.is_discarded() || !root.is_object()) {
        return bad("it is not a JSON object");
    }
    if (!root.contains("drydockWaivers") || !root["drydockWaivers"].is_number_integer() ||
        root["drydockWaivers"].get<int>() != 1) {
        return bad("\"drydockWaivers\": 1 is missing");
    }
    if (!root.contains("waivers") || !root["waivers"].is_array()) {
        return bad("\"waivers\" must be a list");
    }
    std::vector<Waiver> out;
    std::size_t index = 0;
    for (const auto& item : root["waivers"]) {
        ++index;
        const std::string where = "entry " + std::to_string(index);
        if (!item.is_object()) {
            return bad(where + " is not an object");
        }
        const auto str = [&](const char* key) {
            return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : std::string();
        };
        Waiver w;
        const auto scope = waiverScopeFromString(str("scope"));
        if (!scope) {
            return bad(where + " has no valid \"scope\" (object, pattern or rule)");
        }
        w.scope = *scope;
        w.ruleId = str("ruleId");
        w.objectPattern = str("object");
        w.reason = str("reason");
        w.author = str("author");
        w.endpoint = str("endpoint");
        w.createdAtUnix = parseRfc3339(str("createdAt")).value_or(0);
        if (item.contains("expiresAt") && !item["expiresAt"].is_null()) {
            const auto expires = parseRfc3339(str("expiresAt"));
            if (!expires) {
                return bad(where + " has an unreadable \"expiresAt\" (use 2027-01-31T00:00:00Z)");
            }
            w.expiresAtUnix = *expires;
        }
        out.push_back(std::move(w));
    }
    return out;
}

} // namespace drydock::json
