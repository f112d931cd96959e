#include "core/report/ScanJson.h"

#include "core/common/Time.h"
#include "core/report/BenchmarkReport.h"
#include "core/report/JsonWriter.h"
#include "core/report/ReportData.h"

#include <nlohmann/json.hpp>

#include <unordered_map>
#include <vector>

namespace drydock::json {

namespace {

// Long untrusted values (a 1 MB label in evidence) are cut on a UTF-8 boundary; real values are far shorter.
constexpr std::size_t kMaxText = 65536;

void writeWaiver(JsonWriter& w, const Finding& f)
{
    w.key("waiver");
    if (!f.waiver) {
        w.null();
        return;
    }
    w.beginObject().key("id").value(f.waiver->waiverId).key("reason").value(f.waiver->reason).key("expiresAt");
    if (f.waiver->expiresAtUnix) {
        w.value(formatRfc3339(*f.waiver->expiresAtUnix));
    } else {
        w.null();
    }
    w.endObject();
}

// The fields both schemas share, in their order, up to "cis"; the object ("object" or "objectRef") goes next.
// The reference is shown in the report's version (empty id and version when that version has none).
void writeFindingHead(JsonWriter& w, const Finding& f, CisVersion cisVersion)
{
    w.key("ruleId").value(f.ruleId).key("area").value(toString(f.area)).key("severity").value(toString(f.severity));
    const CisReference cis = translateCis(f.cis, cisVersion);
    w.key("cis").beginObject().key("id").value(cis.id).key("version").value(cis.version).endObject();
}

// Where in a file the finding sits (`drydock check`); absent for findings about daemon objects.
void writeLocation(JsonWriter& w, const Finding& f)
{
    if (!f.location) {
        return;
    }
    w.key("location").beginObject().key("file").value(reportText(f.location->file, kMaxText));
    w.key("line").value(static_cast<std::int64_t>(f.location->line));
    w.key("column").value(static_cast<std::int64_t>(f.location->column)).endObject();
}

// The fields after the object.
void writeFindingTexts(JsonWriter& w, const Finding& f)
{
    writeLocation(w, f);
    w.key("title").value(f.title).key("evidence").value(reportText(f.evidence, kMaxText));
    w.key("rationale").value(f.rationale).key("fix").value(f.fix);
}

// schemaVersion 1: each finding carries its object and the object's whole remediated command and compose snippet.
void writeFindingV1(JsonWriter& w, const Finding& f, bool includeRemediation, CisVersion cisVersion)
{
    w.beginObject();
    writeFindingHead(w, f, cisVersion);
    w.key("object").beginObject().key("type").value(toString(f.object.type)).key("id").value(f.object.id);
    w.key("name").value(reportText(f.object.name, kMaxText)).endObject();
    writeFindingTexts(w, f);
    w.key("remediation");
    if (includeRemediation) {
        // Commands are whole or replaced by a comment saying why (a run command carries every label).
        w.beginObject().key("runCommand").value(reportCommand(f.remediation.runCommand));
        w.stringArray("addFlags", f.remediation.addFlags).stringArray("removeFlags", f.remediation.removeFlags);
        w.key("compose").value(reportCommand(f.remediation.compose));
        w.key("dockerfile").value(reportCommand(f.remediation.dockerfile)).endObject();
    } else {
        w.null();
    }
    writeWaiver(w, f);
    w.endObject();
}

// schemaVersion 2: a finding names its object by ref and keeps only what it changes itself.
void writeFindingV2(JsonWriter& w, const Finding& f, const std::string& objectRef, bool includeRemediation,
                    CisVersion cisVersion)
{
    w.beginObject();
    writeFindingHead(w, f, cisVersion);
    w.key("objectRef").value(objectRef);
    writeFindingTexts(w, f);
    w.key("remediation");
    if (includeRemediation) {
        w.beginObject().stringArray("addFlags", f.remediation.addFlags);
        w.stringArray("removeFlags", f.remediation.removeFlags);
        w.key("dockerfile").value(reportCommand(f.remediation.dockerfile)).endObject();
    } else {
        w.null();
    }
    writeWaiver(w, f);
    w.endObject();
}

// One entry of schemaVersion 2's "objects": the object, and its command and snippet from its first finding that
// has one (after RuleEngine renders remediation once per object, every finding of a container has the same).
// Built with its first finding; later findings of the object only fill what is still empty.
struct ObjectEntry
{
    std::string ref;
    const Finding* first = nullptr;
    const std::string* runCommand = nullptr;
    const std::string* compose = nullptr;
};

// "TYPE:ID"; the name stands in for an id the object lacks (a finding read from an old history).
std::string objectRefOf(const ObjectRef& object)
{
    return std::string(toString(object.type)) + ":" + (object.id.empty() ? object.name : object.id);
}

void writeObject(JsonWriter& w, const ObjectEntry& o, bool includeRemediation)
{
    const ObjectRef& object = o.first->object;
    w.beginObject().key("ref").value(o.ref).key("type").value(toString(object.type)).key("id").value(object.id);
    w.key("name").value(reportText(object.name, kMaxText)).key("remediation");
    if (includeRemediation) {
        static const std::string none;
        w.beginObject().key("runCommand").value(reportCommand(o.runCommand ? *o.runCommand : none));
        w.key("compose").value(reportCommand(o.compose ? *o.compose : none)).endObject();
    } else {
        w.null();
    }
    w.endObject();
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

std::string writeScanJson(const ScanResult& result, bool includeWaived, bool includeRemediation, int indent,
                          int schemaVersion, CisVersion cisVersion, const BenchmarkCoverage* benchmark)
{
    // Written straight to text: a tree of ~3,000 findings cost more than reading them from the daemon.
    const bool v1 = schemaVersion == kScanJsonSchemaDeprecated;
    JsonWriter w(indent);
    w.beginObject().key("schemaVersion").value(v1 ? kScanJsonSchemaDeprecated : kScanJsonSchema);
    w.key("scan").beginObject();
    w.key("startedAt").value(formatRfc3339(result.startedAtUnix));
    w.key("finishedAt").value(formatRfc3339(result.finishedAtUnix));
    w.key("endpoint").value(result.inventory.endpoint).key("engine").value(result.inventory.engineName);
    w.key("engineVersion").value(result.inventory.engineVersion).key("apiVersion").value(result.inventory.apiVersion);
    w.key("catalogueVersion").value(result.catalogueVersion).endObject();
    // The deprecated schema keeps its former shape; its findings' references are translated all the same.
    if (!v1) {
        w.key("cis").beginObject().key("version").value(toString(cisVersion)).endObject();
    }
    const auto counts = result.findings.countsBySeverity();
    w.key("summary").beginObject();
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        w.key(toString(s)).value(counts[static_cast<int>(s)]);
    }
    w.key("total").value(result.findings.size()).key("waived").value(result.findings.waivedCount());
    w.key("byArea").beginObject();
    for (const auto& [area, n] : result.findings.countsByArea()) {
        w.key(toString(area)).value(n);
    }
    w.endObject().endObject();

    std::vector<const Finding*> shown;
    shown.reserve(result.findings.size());
    for (const auto& f : result.findings.all()) {
        if (!f.waiver || includeWaived) {
            shown.push_back(&f);
        }
    }
    if (v1) {
        w.key("findings").beginArray();
        for (const Finding* f : shown) {
            writeFindingV1(w, *f, includeRemediation, cisVersion);
        }
        w.endArray();
    } else {
        std::vector<ObjectEntry> objects;
        std::vector<std::size_t> objectOf; // per shown finding: its entry in objects
        objectOf.reserve(shown.size());
        std::unordered_map<std::string, std::size_t> objectIndex; // ref -> position in objects
        for (const Finding* f : shown) {
            std::string ref = objectRefOf(f->object);
            auto [at, added] = objectIndex.try_emplace(ref, objects.size());
            if (added) {
                objects.push_back({std::move(ref), f, nullptr, nullptr});
            }
            ObjectEntry& object = objects[at->second];
            if (!object.runCommand && !f->remediation.runCommand.empty()) {
                object.runCommand = &f->remediation.runCommand;
            }
            if (!object.compose && !f->remediation.compose.empty()) {
                object.compose = &f->remediation.compose;
            }
            objectOf.push_back(at->second);
        }
        w.key("objects").beginArray();
        for (const auto& o : objects) {
            writeObject(w, o, includeRemediation);
        }
        w.endArray().key("findings").beginArray();
        for (std::size_t i = 0; i < shown.size(); ++i) {
            writeFindingV2(w, *shown[i], objects[objectOf[i]].ref, includeRemediation, cisVersion);
        }
        w.endArray();
    }
    w.key("problems").beginArray();
    for (const auto& p : result.inventory.problems) {
        w.beginObject().key("objectType").value(p.objectType).key("objectId").value(p.objectId);
        w.key("message").value(p.message).endObject();
    }
    w.endArray().key("imageContents").beginArray();
    for (const auto& c : result.imageContents) {
        // Rare and small beside the findings; its numbers (CVSS) are printed as nlohmann prints them.
        w.serialised(imageContentsToJson(c, result.inventory)
                         .dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    }
    w.endArray();
    if (benchmark != nullptr && !v1) {
        w.key("benchmark");
        writeBenchmarkJson(w, *benchmark);
    }
    w.endObject();
    return w.take() + "\n";
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
    const auto coverage = reportCoverage(data);
    return writeScanJson(*data.scan, data.includeWaived, data.includeRemediation, indent, data.jsonSchema,
                         data.cisVersion, coverage ? &*coverage : nullptr);
}

std::string scanToJson(const ScanResult& result, bool includeWaived, bool includeRemediation, int indent,
                       int schemaVersion)
{
    return writeScanJson(result, includeWaived, includeRemediation, indent, schemaVersion, kDefaultCisVersion,
                         nullptr);
}

} // namespace drydock::json
