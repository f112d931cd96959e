#include "core/report/FleetJson.h"

#include "core/common/Time.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

constexpr Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low,
                               Severity::Info};

nlohmann::ordered_json counts(const std::array<int, severityCount>& open)
{
    nlohmann::ordered_json j;
    for (Severity s : kOrder) {
        j[toString(s)] = open[static_cast<int>(s)];
    }
    return j;
}

} // namespace

std::string fleetToJson(const FleetSummary& summary, std::int64_t generatedAtUnix, int indent)
{
    nlohmann::ordered_json root;
    root["schemaVersion"] = 1;
    root["kind"] = "fleet";
    root["generatedAt"] = formatRfc3339(generatedAtUnix);
    nlohmann::ordered_json total;
    total["endpoints"] = summary.endpoints.size();
    total["reachable"] = summary.reachable;
    total["unreachable"] = summary.unreachable;
    for (Severity s : kOrder) {
        total[toString(s)] = summary.open[static_cast<int>(s)];
    }
    root["summary"] = std::move(total);

    nlohmann::ordered_json endpoints = nlohmann::ordered_json::array();
    for (const auto& e : summary.endpoints) {
        nlohmann::ordered_json j;
        j["name"] = e.name;
        j["endpoint"] = e.address;
        j["status"] = e.reachable ? "ok" : "unreachable";
        j["error"] = e.reachable ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.error);
        j["scanId"] = e.scanId > 0 ? nlohmann::ordered_json(e.scanId) : nlohmann::ordered_json(nullptr);
        j["durationMs"] = e.durationMs;
        j["engineVersion"] = e.engineVersion;
        j["objects"] = e.objects;
        j["posture"] = e.reachable
                           ? nlohmann::ordered_json{{"score", e.posture.score}, {"grade", e.posture.grade()}}
                           : nlohmann::ordered_json(nullptr);
        j["open"] = counts(e.open);
        j["waived"] = e.waived;
        if (e.baselineScanId) {
            j["sinceLast"] = {{"baselineScanId", *e.baselineScanId},
                              {"new", e.newFindings},
                              {"resolved", e.resolvedFindings}};
        } else {
            j["sinceLast"] = nullptr;
        }
        endpoints.push_back(std::move(j));
    }
    root["endpoints"] = std::move(endpoints);

    nlohmann::ordered_json worst = nlohmann::ordered_json::array();
    for (const auto& w : summary.worst) {
        const Finding& f = w.finding;
        nlohmann::ordered_json j;
        j["endpoint"] = w.endpoint;
        j["ruleId"] = f.ruleId;
        j["area"] = toString(f.area);
        j["severity"] = toString(f.severity);
        j["object"] = {{"type", toString(f.object.type)}, {"id", f.object.id}, {"name", f.object.name}};
        j["title"] = f.title;
        j["evidence"] = f.evidence;
        worst.push_back(std::move(j));
    }
    root["worstFindings"] = std::move(worst);
    return root.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string fleetTrendToJson(const std::vector<FleetTrendPoint>& points,
                             const std::vector<std::string>& endpoints)
{
    nlohmann::ordered_json trend = nlohmann::ordered_json::array();
    for (const auto& p : points) {
        nlohmann::ordered_json j;
        j["day"] = formatRfc3339(p.dayStartUnix).substr(0, 10);
        j["endpoints"] = p.endpoints;
        j["counts"] = counts(p.counts);
        trend.push_back(std::move(j));
    }
    nlohmann::ordered_json root;
    root["endpoints"] = endpoints;
    root["trend"] = std::move(trend);
    return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace drydock::json
