#include "core/json/ContentJson.h"

#include "core/common/Strings.h"
#include "core/json/detail/JsonAccess.h"

#include <algorithm>
#include <cmath>

namespace drydock::json {

using detail::Json;

namespace {

// parseDocument words its errors for daemon answers; these documents come from files or the saved image.
Result<Json> document(std::string_view body, std::string_view kind, detail::TopLevel top)
{
    auto doc = detail::parseDocument(body, kind, top);
    if (!doc) {
        return Error::make(ErrorCode::MalformedResponse,
                           "The " + std::string(kind) + " cannot be read: " + doc.error().message);
    }
    return doc;
}

std::string normalSeverity(const std::string& text)
{
    const std::string s = toLower(trim(text));
    if (s == "critical" || s == "high" || s == "medium" || s == "low") {
        return s;
    }
    if (s == "moderate" || s == "important") {
        return s == "moderate" ? "medium" : "high";
    }
    if (s == "negligible" || s == "unimportant" || s == "minor") {
        return "low";
    }
    return "unknown";
}

} // namespace

Result<std::vector<SavedImageManifest>> parseSavedImageManifest(std::string_view body)
{
    return detail::guarded("saved image manifest.json", [&]() -> Result<std::vector<SavedImageManifest>> {
        auto doc = document(body, "saved image manifest.json", detail::TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<SavedImageManifest> out;
        for (const auto& item : *doc) {
            if (!item.is_object()) {
                continue;
            }
            SavedImageManifest m;
            m.config = detail::str(item, "Config");
            m.layers = detail::strings(item, "Layers");
            m.repoTags = detail::strings(item, "RepoTags");
            out.push_back(std::move(m));
        }
        return out;
    });
}

Result<ImageConfigLayers> parseImageConfigLayers(std::string_view body)
{
    return detail::guarded("image config", [&]() -> Result<ImageConfigLayers> {
        auto doc = document(body, "image config", detail::TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        ImageConfigLayers out;
        if (const auto* rootfs = detail::object(*doc, "rootfs")) {
            out.diffIds = detail::strings(*rootfs, "diff_ids");
        }
        StringList commands;
        if (const auto* history = detail::array(*doc, "history")) {
            for (const auto& h : *history) {
                if (h.is_object() && !detail::boolean(h, "empty_layer")) {
                    commands.push_back(detail::str(h, "created_by"));
                }
            }
        }
        if (commands.size() == out.diffIds.size()) {
            out.layerCommands = std::move(commands);
        }
        return out;
    });
}

Result<Advisory> parseOsvAdvisory(std::string_view body)
{
    return detail::guarded("OSV advisory", [&]() -> Result<Advisory> {
        auto doc = document(body, "OSV advisory", detail::TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        Advisory a;
        a.id = detail::str(j, "id");
        a.aliases = detail::strings(j, "aliases");
        a.summary = detail::str(j, "summary");
        if (a.summary.empty()) {
            a.summary = truncateUtf8(detail::str(j, "details"), 200);
        }
        if (const auto* sev = detail::array(j, "severity")) {
            for (const auto& s : *sev) {
                const std::string type = detail::str(s, "type");
                if (startsWith(type, "CVSS_V3") || (a.cvssVector.empty() && startsWith(type, "CVSS"))) {
                    a.cvssVector = detail::str(s, "score");
                }
            }
        }
        if (const auto* db = detail::object(j, "database_specific")) {
            a.severity = detail::str(*db, "severity");
        }
        if (const auto* affected = detail::array(j, "affected")) {
            for (const auto& item : *affected) {
                AdvisoryPackage p;
                if (const auto* pkg = detail::object(item, "package")) {
                    p.ecosystem = detail::str(*pkg, "ecosystem");
                    p.name = detail::str(*pkg, "name");
                }
                p.versions = detail::strings(item, "versions");
                if (const auto* eco = detail::object(item, "ecosystem_specific")) {
                    p.severity = detail::str(*eco, "urgency", detail::str(*eco, "severity"));
                }
                if (const auto* db = detail::object(item, "database_specific")) {
                    if (p.severity.empty()) {
                        p.severity = detail::str(*db, "severity");
                    }
                }
                if (const auto* ranges = detail::array(item, "ranges")) {
                    for (const auto& r : *ranges) {
                        if (detail::str(r, "type") != "ECOSYSTEM") {
                            continue; // SEMVER and GIT ranges do not apply to distribution packages
                        }
                        AdvisoryRange range;
                        if (const auto* events = detail::array(r, "events")) {
                            for (const auto& e : *events) {
                                using Kind = AdvisoryRange::Event::Kind;
                                if (const auto* v = detail::member(e, "introduced")) {
                                    range.events.push_back({Kind::Introduced, detail::asText(*v)});
                                } else if (const auto* f = detail::member(e, "fixed")) {
                                    range.events.push_back({Kind::Fixed, detail::asText(*f)});
                                } else if (const auto* l = detail::member(e, "last_affected")) {
                                    range.events.push_back({Kind::LastAffected, detail::asText(*l)});
                                }
                            }
                        }
                        p.ranges.push_back(std::move(range));
                    }
                }
                if (!p.name.empty()) {
                    a.affected.push_back(std::move(p));
                }
            }
        }
        if (a.id.empty()) {
            return Error::make(ErrorCode::MalformedResponse, "The OSV advisory has no \"id\".");
        }
        return a;
    });
}

Result<ScannerReport> parseTrivyReport(std::string_view body)
{
    return detail::guarded("Trivy JSON report", [&]() -> Result<ScannerReport> {
        auto doc = document(body, "Trivy JSON report", detail::TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        if (!detail::member(j, "ArtifactName") && !detail::member(j, "Results")) {
            return Error::make(
                ErrorCode::MalformedResponse,
                "The file is JSON but not a Trivy report (no ArtifactName or Results); create it "
                "with `trivy image --format json --output FILE IMAGE`.");
        }
        ScannerReport out;
        out.artifact = detail::str(j, "ArtifactName");
        if (const auto* meta = detail::object(j, "Metadata")) {
            out.artifactId = detail::str(*meta, "ImageID");
        }
        if (const auto* results = detail::array(j, "Results")) {
            for (const auto& r : *results) {
                const auto* vulns = detail::array(r, "Vulnerabilities");
                if (!vulns) {
                    continue;
                }
                for (const auto& v : *vulns) {
                    Vulnerability x;
                    x.id = detail::str(v, "VulnerabilityID");
                    x.package = detail::str(v, "PkgName");
                    x.installedVersion = detail::str(v, "InstalledVersion");
                    x.fixedVersion = detail::str(v, "FixedVersion");
                    x.severity = normalSeverity(detail::str(v, "Severity"));
                    x.title = detail::str(v, "Title");
                    x.source = "trivy";
                    if (const auto* cvss = detail::object(v, "CVSS")) {
                        // Prefer the vendor's own rating source, then NVD, then whichever comes first.
                        const Json* pick = detail::object(*cvss, detail::str(v, "SeveritySource"));
                        if (!pick) {
                            pick = detail::object(*cvss, "nvd");
                        }
                        if (!pick && !cvss->empty()) {
                            pick = &cvss->begin().value();
                        }
                        if (pick && pick->is_object()) {
                            if (const auto* s = detail::member(*pick, "V3Score"); s && s->is_number()) {
                                x.cvssScore = s->get<double>();
                            }
                            x.cvssVector = detail::str(*pick, "V3Vector");
                        }
                    }
                    if (!x.id.empty()) {
                        out.vulnerabilities.push_back(std::move(x));
                    }
                }
            }
        }
        return out;
    });
}

Result<ScannerReport> parseGrypeReport(std::string_view body)
{
    return detail::guarded("Grype JSON report", [&]() -> Result<ScannerReport> {
        auto doc = document(body, "Grype JSON report", detail::TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        const auto* matches = detail::array(j, "matches");
        if (!matches) {
            return Error::make(ErrorCode::MalformedResponse,
                               "The file is JSON but not a Grype report (no \"matches\"); create it with "
                               "`grype IMAGE -o json --file FILE`.");
        }
        ScannerReport out;
        if (const auto* target = detail::path(j, {"source", "target"})) {
            out.artifact = detail::str(*target, "userInput");
            out.artifactId = detail::str(*target, "imageID");
        }
        for (const auto& m : *matches) {
            const auto* v = detail::object(m, "vulnerability");
            const auto* art = detail::object(m, "artifact");
            if (!v || !art) {
                continue;
            }
            Vulnerability x;
            x.id = detail::str(*v, "id");
            x.severity = normalSeverity(detail::str(*v, "severity"));
            x.title = truncateUtf8(detail::str(*v, "description"), 200);
            x.package = detail::str(*art, "name");
            x.installedVersion = detail::str(*art, "version");
            x.source = "grype";
            if (const auto* fix = detail::object(*v, "fix")) {
                const auto versions = detail::strings(*fix, "versions");
                x.fixedVersion = join(versions, ", ");
            }
            if (const auto* cvss = detail::array(*v, "cvss")) {
                for (const auto& c : *cvss) {
                    const auto* metrics = detail::object(c, "metrics");
                    if (metrics) {
                        if (const auto* s = detail::member(*metrics, "baseScore"); s && s->is_number()) {
                            if (s->get<double>() > x.cvssScore) {
                                x.cvssScore = s->get<double>();
                                x.cvssVector = detail::str(c, "vector");
                            }
                        }
                    }
                }
            }
            if (!x.id.empty()) {
                out.vulnerabilities.push_back(std::move(x));
            }
        }
        return out;
    });
}

namespace {

std::string purlType(const std::string& ecosystem)
{
    return ecosystem == "apk" ? "apk" : ecosystem == "rpm" ? "rpm" : "deb";
}

// Package URL (purl spec): pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12
std::string purlEncode(const std::string& s)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : s) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string purlOf(const InstalledPackage& p, const OsRelease& os)
{
    std::string purl = "pkg:" + purlType(p.ecosystem) + "/" + purlEncode(os.id.empty() ? "unknown" : os.id) +
                       "/" + purlEncode(p.name) + "@" + purlEncode(p.version);
    std::string q;
    if (!p.arch.empty()) {
        q += "arch=" + purlEncode(p.arch);
    }
    if (!os.id.empty() && !os.versionId.empty()) {
        q += (q.empty() ? "" : "&") + std::string("distro=") + purlEncode(os.id + "-" + os.versionId);
    }
    return q.empty() ? purl : purl + "?" + q;
}

} // namespace

std::string writeCycloneDx(const Image& image, const ImageContents& contents, const std::string& serialUuid,
                           const std::string& timestamp, const std::string& toolVersion)
{
    Json bom = Json::object();
    bom["bomFormat"] = "CycloneDX";
    bom["specVersion"] = "1.5";
    bom["serialNumber"] = "urn:uuid:" + serialUuid;
    bom["version"] = 1;
    const std::string imageRef = "image:" + image.id;
    Json component = {
        {"type", "container"}, {"bom-ref", imageRef}, {"name", image.displayName()}, {"version", image.id}};
    bom["metadata"] = {
        {"timestamp", timestamp},
        {"tools",
         {{"components",
           Json::array({{{"type", "application"}, {"name", "drydock"}, {"version", toolVersion}}})}}},
        {"component", component}};
    Json components = Json::array();
    Json dependsOn = Json::array();
    if (!contents.os.id.empty()) {
        components.push_back({{"type", "operating-system"},
                              {"bom-ref", "os:" + contents.os.id + "@" + contents.os.versionId},
                              {"name", contents.os.id},
                              {"version", contents.os.versionId},
                              {"description", contents.os.prettyName}});
    }
    for (const auto& p : contents.packages) {
        const std::string purl = purlOf(p, contents.os);
        Json c = {
            {"type", "library"}, {"bom-ref", purl}, {"name", p.name}, {"version", p.version}, {"purl", purl}};
        if (!p.license.empty()) {
            c["licenses"] = Json::array({{{"license", {{"name", p.license}}}}});
        }
        Json props = Json::array();
        if (!p.sourceName.empty()) {
            props.push_back({{"name", "drydock:package:source"}, {"value", p.sourceName}});
        }
        if (!p.sourceVersion.empty()) {
            props.push_back({{"name", "drydock:package:source-version"}, {"value", p.sourceVersion}});
        }
        if (!props.empty()) {
            c["properties"] = props;
        }
        components.push_back(std::move(c));
        dependsOn.push_back(purl);
    }
    bom["components"] = components;
    bom["dependencies"] = Json::array({{{"ref", imageRef}, {"dependsOn", dependsOn}}});
    if (!contents.vulnerabilities.empty()) {
        Json vulns = Json::array();
        for (const auto& v : contents.vulnerabilities) {
            std::string ref;
            for (const auto& p : contents.packages) {
                if (p.name == v.package || p.sourceName == v.package) {
                    ref = purlOf(p, contents.os);
                    break;
                }
            }
            Json item = {{"id", v.id}, {"source", {{"name", v.source}}}};
            Json rating = {{"severity", v.severity.empty() ? "unknown" : v.severity}};
            if (v.cvssScore > 0) {
                rating["score"] = v.cvssScore;
                rating["method"] = "CVSSv31";
            }
            if (!v.cvssVector.empty()) {
                rating["vector"] = v.cvssVector;
            }
            item["ratings"] = Json::array({rating});
            if (!ref.empty()) {
                item["affects"] = Json::array({{{"ref", ref}}});
            }
            if (!v.fixedVersion.empty()) {
                item["recommendation"] = "Upgrade " + v.package + " to " + v.fixedVersion + " or later.";
            }
            vulns.push_back(std::move(item));
        }
        bom["vulnerabilities"] = vulns;
    }
    return bom.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string writePackagesJson(const Image& image, const ImageContents& contents)
{
    Json j = Json::object();
    j["image"] = {{"id", image.id}, {"name", image.displayName()}};
    j["os"] = {{"id", contents.os.id},
               {"versionId", contents.os.versionId},
               {"prettyName", contents.os.prettyName},
               {"codename", contents.os.codename}};
    Json packages = Json::array();
    for (const auto& p : contents.packages) {
        packages.push_back({{"name", p.name},
                            {"version", p.version},
                            {"source", p.sourceName},
                            {"sourceVersion", p.sourceVersion},
                            {"arch", p.arch},
                            {"type", p.ecosystem}});
    }
    j["packages"] = packages;
    Json vulns = Json::array();
    for (const auto& v : contents.vulnerabilities) {
        vulns.push_back({{"id", v.id},
                         {"package", v.package},
                         {"installedVersion", v.installedVersion},
                         {"fixedVersion", v.fixedVersion},
                         {"severity", v.severity},
                         {"cvss", v.cvssScore},
                         {"source", v.source}});
    }
    j["vulnerabilities"] = vulns;
    j["notes"] = contents.notes;
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace drydock::json
