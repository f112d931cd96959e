#include "core/report/ScanJson.h"

#include "core/common/Time.h"
#include "core/report/ReportData.h"

#include <nlohmann/json.hpp>

#include <unordered_map>
#include <vector>

namespace drydock::json {

namespace {

// Long untrusted values (a 1 MB label in evidence) are cut on a UTF-8 boundary; real values are far shorter.
constexpr std::size_t kMaxText = 65536;

nlohmann::ordered_json waiverToJson(const Finding& f)
{
    if (!f.waiver) {
        return nullptr;
    }
    return {{"id", f.waiver->waiverId},
            {"reason", f.waiver->reason},
            {"expiresAt", f.waiver->expiresAtUnix ? nlohmann::ordered_json(formatRfc3339(*f.waiver->expiresAtUnix))
                                                  : nlohmann::ordered_json(nullptr)}};
}

// The fields both schemas share, in their order; objectKey ("object" or "objectRef") goes after "cis".
nlohmann::ordered_json findingHead(const Finding& f, const char* objectKey, nlohmann::ordered_json object)
{
    nlohmann::ordered_json j;
    j["ruleId"] = f.ruleId;
    j["area"] = toString(f.area);
    j["severity"] = toString(f.severity);
    j["cis"] = {{"id", f.cis.id}, {"version", f.cis.version}};
    j[objectKey] = std::move(object);
    j["title"] = f.title;
    j["evidence"] = reportText(f.evidence, kMaxText);
    j["rationale"] = f.rationale;
    j["fix"] = f.fix;
    return j;
}

// schemaVersion 1: each finding carries its object and the object's whole remediated command and compose snippet.
nlohmann::ordered_json findingToJsonV1(const Finding& f, bool includeRemediation)
{
    nlohmann::ordered_json j = findingHead(
        f, "object",
        {{"type", toString(f.object.type)}, {"id", f.object.id}, {"name", reportText(f.object.name, kMaxText)}});
    if (includeRemediation) {
        // Commands are whole or replaced by a comment saying why (a run command carries every label).
        j["remediation"] = {{"runCommand", reportCommand(f.remediation.runCommand)},
                            {"addFlags", f.remediation.addFlags},
                            {"removeFlags", f.remediation.removeFlags},
                            {"compose", reportCommand(f.remediation.compose)},
                            {"dockerfile", reportCommand(f.remediation.dockerfile)}};
    } else {
        j["remediation"] = nullptr;
    }
    j["waiver"] = waiverToJson(f);
    return j;
}

// schemaVersion 2: a finding names its object by ref and keeps only what it changes itself.
nlohmann::ordered_json findingToJsonV2(const Finding& f, const std::string& objectRef, bool includeRemediation)
{
    nlohmann::ordered_json j = findingHead(f, "objectRef", objectRef);
    if (includeRemediation) {
        j["remediation"] = {{"addFlags", f.remediation.addFlags},
                            {"removeFlags", f.remediation.removeFlags},
                            {"dockerfile", reportCommand(f.remediation.dockerfile)}};
    } else {
        j["remediation"] = nullptr;
    }
    j["waiver"] = waiverToJson(f);
    return j;
}

// One entry of schemaVersion 2's "objects": the object, and its command and snippet from its first finding that
// has one (after RuleEngine renders remediation once per object, every finding of a container has the same).
// Built with its first finding; later findings of the object only fill what is still empty.
struct ObjectEntry
{
    std::string ref;
    const Finding* first = nullptr;
    std::string runCommand;
    std::string compose;
};

// "TYPE:ID"; the name stands in for an id the object lacks (a finding read from an old history).
std::string objectRefOf(const ObjectRef& object)
{
    return std::string(toString(object.type)) + ":" + (object.id.empty() ? object.name : object.id);
}

nlohmann::ordered_json objectToJson(const ObjectEntry& o, bool includeRemediation)
{
    const ObjectRef& object = o.first->object;
    nlohmann::ordered_json j;
    j["ref"] = o.ref;
    j["type"] = toString(object.type);
    j["id"] = object.id;
    j["name"] = reportText(object.name, kMaxText);
    if (includeRemediation) {
        j["remediation"] = {{"runCommand", reportCommand(o.runCommand)}, {"compose", reportCommand(o.compose)}};
    } else {
        j["remediation"] = nullptr;
    }
    return j;
}

nlohmann::ordered_json imageContentsToJson(const ImageContents& c, const Inventory& inventory)
{
    nlohmann::ordered_json j;
    const Image* image = inventory.findImage(c.imageId);
    j["imageId"] = c.imageId;
    j["image"] = reportText(image ? image->displayName() : c.imageId, kMaxText);
    j["os"] = {{"id", reportText(c.os.id, kMaxText)},
               {"versionId", reportText(c.os.versionId, kMaxText)},
               {"prettyName", reportText(c.os.prettyName, kMaxText)},
               {"codename", reportText(c.os.codename, kMaxText)}};
    j["layers"] = c.layers.size();
    j["bytesRead"] = c.bytesRead;
    nlohmann::ordered_json packages = nlohmann::ordered_json::array();
    for (const auto& p : c.packages) {
        packages.push_back({{"name", reportText(p.name, kMaxText)},
                            {"version", reportText(p.version, kMaxText)},
                            {"source", reportText(p.sourceName, kMaxText)},
                            {"sourceVersion", reportText(p.sourceVersion, kMaxText)},
                            {"arch", reportText(p.arch, kMaxText)},
                            {"ecosystem", p.ecosystem},
                            {"license", reportText(p.license, kMaxText)}});
    }
    j["packages"] = std::move(packages);
    nlohmann::ordered_json vulnerabilities = nlohmann::ordered_json::array();
    for (const auto& v : c.vulnerabilities) {
        vulnerabilities.push_back({{"id", reportText(v.id, kMaxText)},
                                   {"package", reportText(v.package, kMaxText)},
                                   {"installedVersion", reportText(v.installedVersion, kMaxText)},
                                   {"fixedVersion", reportText(v.fixedVersion, kMaxText)},
                                   {"severity", reportText(v.severity, kMaxText)},
                                   {"cvss", v.cvssScore},
                                   {"cvssVector", reportText(v.cvssVector, kMaxText)},
                                   {"title", reportText(v.title, kMaxText)},
                                   {"source", v.source}});
    }
    j["vulnerabilities"] = std::move(vulnerabilities);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& n : c.notes) {
        notes.push_back(reportText(n, kMaxText));
    }
    j["notes"] = std::move(notes);
    return j;
}

} // namespace

Result<int> parseScanJsonSchema(std::string_view text)
{
    if (text == "2") {
        return kScanJsonSchema;
    }
    if (text == "1") {
        return kScanJsonSchemaDeprecated;
    }
    return Error::make(ErrorCode::InvalidArgument,
                       "unknown JSON schema '" + std::string(text) + "' (use 2, the default, or 1, deprecated)");
}

std::string scanToJson(const ScanResult& result, int indent) { return scanToJson(result, true, true, indent); }

std::string scanToJson(const ReportData& data, int indent)
{
    return scanToJson(*data.scan, data.includeWaived, data.includeRemediation, indent, data.jsonSchema);
}

std::string scanToJson(const ScanResult& result, bool includeWaived, bool includeRemediation, int indent,
                       int schemaVersion)
{
    const bool v1 = schemaVersion == kScanJsonSchemaDeprecated;
    nlohmann::ordered_json root;
    root["schemaVersion"] = v1 ? kScanJsonSchemaDeprecated : kScanJsonSchema;
    root["scan"] = {{"startedAt", formatRfc3339(result.startedAtUnix)},
                    {"finishedAt", formatRfc3339(result.finishedAtUnix)},
                    {"endpoint", result.inventory.endpoint},
                    {"engine", result.inventory.engineName},
                    {"engineVersion", result.inventory.engineVersion},
                    {"apiVersion", result.inventory.apiVersion},
                    {"catalogueVersion", result.catalogueVersion}};
    const auto counts = result.findings.countsBySeverity();
    nlohmann::ordered_json summary;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        summary[toString(s)] = counts[static_cast<int>(s)];
    }
    summary["total"] = result.findings.size();
    summary["waived"] = result.findings.waivedCount();
    nlohmann::ordered_json byArea = nlohmann::ordered_json::object();
    for (const auto& [area, n] : result.findings.countsByArea()) {
        byArea[toString(area)] = n;
    }
    summary["byArea"] = byArea;
    root["summary"] = summary;
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    std::vector<ObjectEntry> objects;
    std::unordered_map<std::string, std::size_t> objectIndex; // ref -> position in objects
    for (const auto& f : result.findings.all()) {
        if (f.waiver && !includeWaived) {
            continue;
        }
        if (v1) {
            findings.push_back(findingToJsonV1(f, includeRemediation));
            continue;
        }
        std::string ref = objectRefOf(f.object);
        auto [at, added] = objectIndex.try_emplace(ref, objects.size());
        if (added) {
            objects.push_back({ref, &f, {}, {}});
        }
        ObjectEntry& object = objects[at->second];
        if (object.runCommand.empty()) {
            object.runCommand = f.remediation.runCommand;
        }
        if (object.compose.empty()) {
            object.compose = f.remediation.compose;
        }
        findings.push_back(findingToJsonV2(f, ref, includeRemediation));
    }
    if (!v1) {
        nlohmann::ordered_json objectsJson = nlohmann::ordered_json::array();
        for (const auto& o : objects) {
            objectsJson.push_back(objectToJson(o, includeRemediation));
        }
        root["objects"] = std::move(objectsJson);
    }
    root["findings"] = std::move(findings);
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& p : result.inventory.problems) {
        problems.push_back({{"objectType", p.objectType}, {"objectId", p.objectId}, {"message", p.message}});
    }
    root["problems"] = std::move(problems);
    nlohmann::ordered_json contents = nlohmann::ordered_json::array();
    for (const auto& c : result.imageContents) {
        contents.push_back(imageContentsToJson(c, result.inventory));
    }
    root["imageContents"] = std::move(contents);
    return root.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace drydock::json
