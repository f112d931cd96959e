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

} // namespace drydock::json
