#include "core/report/SarifJson.h"

#include "core/common/Time.h"
#include "core/findings/FindingKey.h"

#include <map>
#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

using ordered = nlohmann::ordered_json;

const char* level(Severity s)
{
    switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium: return "warning";
    case Severity::Low:
    case Severity::Info: return "note";
    }
    return "note";
}

// GitHub code scanning reads properties.security-severity (0.0-10.0) to rank alerts.
const char* securitySeverity(Severity s)
{
    switch (s) {
    case Severity::Critical: return "9.5";
    case Severity::High: return "8.0";
    case Severity::Medium: return "5.5";
    case Severity::Low: return "3.0";
    case Severity::Info: return "0.0";
    }
    return "0.0";
}

// A reportingDescriptor's name is for people and must differ from its opaque id (SARIF 3.49.7; Microsoft's
// validator warns SARIF1001 otherwise): "Privileged container" -> "PrivilegedContainer".
std::string ruleName(const std::string& title)
{
    std::string name;
    bool upper = true;
    for (char c : title) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = true;
            continue;
        }
        name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return name;
}

// A file's path as a relative URI reference (RFC 3986): "/" separates segments, every byte outside the
// unreserved set is percent-encoded, so "my app/compose.yaml" becomes "my%20app/compose.yaml".
std::string sarifUri(const std::string& path)
{
    std::string p = path;
    for (char& c : p) {
        c = c == '\\' ? '/' : c;
    }
    while (p.rfind("./", 0) == 0) {
        p.erase(0, 2);
    }
    static const char* hex = "0123456789ABCDEF";
    std::string uri;
    for (unsigned char c : p) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (unreserved) {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri;
}

} // namespace

std::string scanToSarif(const ReportData& data)
{
    const ScanResult& scan = *data.scan;
    ordered rules = ordered::array();
    std::map<std::string, int> ruleIndex;
    if (data.catalogue) {
        for (const auto& r : data.catalogue->rules()) {
            const RuleInfo& i = r->info();
            ordered rule;
            rule["id"] = i.id;
            rule["name"] = ruleName(i.title);
            rule["shortDescription"] = {{"text", i.title}};
            rule["fullDescription"] = {{"text", i.rationale}};
            rule["help"] = {{"text", i.fix}};
            rule["defaultConfiguration"] = {{"level", level(i.defaultSeverity)}};
            ordered props;
            props["tags"] = {"security", "docker", toString(i.area)};
            props["security-severity"] = securitySeverity(i.defaultSeverity);
            if (const CisReference cis = translateCis(i.cis, data.cisVersion); !cis.id.empty()) {
                props["cis"] = {{"id", cis.id}, {"version", cis.version}};
            }
            rule["properties"] = props;
            ruleIndex[i.id] = static_cast<int>(rules.size());
            rules.push_back(rule);
        }
    }
    // Checks outside the catalogue (the compose and Dockerfile checks of `drydock check`) are described by their
    // first finding, so every result's ruleId has a descriptor.
    for (const auto& f : scan.findings.all()) {
        if (ruleIndex.count(f.ruleId) > 0) {
            continue;
        }
        ordered rule;
        rule["id"] = f.ruleId;
        rule["name"] = ruleName(f.title);
        rule["shortDescription"] = {{"text", f.title}};
        rule["fullDescription"] = {{"text", f.rationale.empty() ? f.title : f.rationale}};
        rule["help"] = {{"text", f.fix.empty() ? f.title : f.fix}};
        rule["defaultConfiguration"] = {{"level", level(f.severity)}};
        ordered props;
        props["tags"] = {"security", "docker", toString(f.area)};
        props["security-severity"] = securitySeverity(f.severity);
        if (const CisReference cis = translateCis(f.cis, data.cisVersion); !cis.id.empty()) {
            props["cis"] = {{"id", cis.id}, {"version", cis.version}};
        }
        rule["properties"] = props;
        ruleIndex[f.ruleId] = static_cast<int>(rules.size());
        rules.push_back(rule);
    }
    ordered results = ordered::array();
    for (const auto& f : scan.findings.all()) {
        if (f.waiver && !data.includeWaived) {
            continue;
        }
        ordered r;
        r["ruleId"] = f.ruleId;
        if (const auto it = ruleIndex.find(f.ruleId); it != ruleIndex.end()) {
            r["ruleIndex"] = it->second;
        }
        r["level"] = level(f.severity);
        r["message"] = {{"text", reportText(f.title + ": " + f.evidence, 8192)}};
        const std::string fqn = std::string(toString(f.object.type)) + "/" + f.object.name;
        ordered location;
        if (f.location) {
            // A file finding (`drydock check`): code-scanning viewers annotate this line of this file.
            ordered physical;
            physical["artifactLocation"] = {{"uri", sarifUri(f.location->file)}, {"uriBaseId", "%SRCROOT%"}};
            if (f.location->line > 0) {
                ordered region;
                region["startLine"] = f.location->line;
                if (f.location->column > 0) {
                    region["startColumn"] = f.location->column;
                }
                physical["region"] = region;
            }
            location["physicalLocation"] = physical;
        }
        location["logicalLocations"] = {{{"name", reportText(f.object.name, 1024)},
                                         {"fullyQualifiedName", reportText(fqn, 1024)},
                                         {"kind", toString(f.object.type)}}};
        r["locations"] = ordered::array({location});
        r["partialFingerprints"] = {{"drydockFindingKey/v1", fnv1a64Hex(findingKey(f))}};
        ordered props;
        props["severity"] = toString(f.severity);
        props["security-severity"] = securitySeverity(f.severity);
        props["area"] = toString(f.area);
        props["objectId"] = f.object.id;
        if (data.includeRemediation && !f.remediation.runCommand.empty()) {
            props["remediatedRunCommand"] = reportCommand(f.remediation.runCommand);
        }
        r["properties"] = props;
        if (f.waiver) {
            r["suppressions"] = {{{"kind", "external"}, {"status", "accepted"}, {"justification", f.waiver->reason}}};
        }
        results.push_back(r);
    }
    ordered run;
    run["tool"] = {{"driver",
                    {{"name", "Drydock"},
                     {"version", DRYDOCK_VERSION},
                     {"semanticVersion", DRYDOCK_VERSION},
                     {"rules", rules}}}};
    run["invocations"] = {{{"executionSuccessful", true},
                           {"startTimeUtc", formatRfc3339(scan.startedAtUnix)},
                           {"endTimeUtc", formatRfc3339(scan.finishedAtUnix)}}};
    run["properties"] = {{"endpoint", scan.inventory.endpoint},
                         {"engineVersion", scan.inventory.engineVersion},
                         {"apiVersion", scan.inventory.apiVersion},
                         {"catalogueVersion", scan.catalogueVersion},
                         {"scanId", data.scanId},
                         {"cis", {{"version", toString(data.cisVersion)}}}};
    run["results"] = results;
    ordered root;
    root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    root["version"] = "2.1.0";
    root["runs"] = {run};
    return root.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

} // namespace drydock::json
