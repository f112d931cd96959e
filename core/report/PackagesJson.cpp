#include "core/report/PackagesJson.h"

#include "core/common/Strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace drydock::json {

using Json = nlohmann::json;

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
