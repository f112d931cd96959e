#include "core/report/HtmlImageContents.h"

#include "core/common/Severity.h"
#include "core/report/HtmlEscape.h"
#include "core/report/SeverityColour.h"
#include "core/report/ReportData.h"

#include <algorithm>
#include <sstream>

namespace drydock {

namespace {

std::string esc(const std::string& s, std::size_t max = 512)
{
    return htmlEscape(reportText(s, max));
}

// Scanner severities are free text ("unknown", "negligible"): only the five known ones get a colour.
std::string severityCell(const std::string& text, bool print)
{
    const auto s = severityFromString(text);
    if (!s) {
        return esc(text.empty() ? std::string("unknown") : text, 32);
    }
    return severityBadge(*s, print);
}

int rank(const std::string& severity)
{
    const auto s = severityFromString(severity);
    return s ? static_cast<int>(*s) : -1;
}

std::string cvssText(double score)
{
    if (score <= 0) {
        return "&ndash;";
    }
    std::ostringstream o;
    o.precision(1);
    o << std::fixed << score;
    return o.str();
}

std::string osText(const OsRelease& os)
{
    if (!os.prettyName.empty()) {
        return os.prettyName;
    }
    if (!os.id.empty()) {
        return os.id + " " + os.versionId;
    }
    return "unknown (no /etc/os-release)";
}

void imageBlock(std::ostringstream& o, const ImageContents& c, const Inventory& inventory, bool print)
{
    const Image* image = inventory.findImage(c.imageId);
    o << "<h3>Image " << esc(image ? image->displayName() : c.imageId, 256) << "</h3>\n";
    o << "<p class=\"meta\">" << esc(c.imageId, 128) << "</p>\n";
    o << "<table><tr><th width=\"22%\">Operating system</th><td>" << esc(osText(c.os)) << "</td></tr>"
      << "<tr><th>Layers</th><td>" << c.layers.size() << " (" << c.bytesRead / (1024 * 1024)
      << " MiB read)</td></tr>"
      << "<tr><th>Packages</th><td>" << c.packages.size() << "</td></tr>"
      << "<tr><th>Known vulnerabilities</th><td>" << c.vulnerabilities.size() << "</td></tr></table>\n";

    if (c.vulnerabilities.empty()) {
        o << "<p>No vulnerabilities were recorded for this image. Matching needs a vulnerability database or "
             "a "
             "scanner report (<code>--vuln-db</code>, <code>--import-trivy</code>, "
             "<code>--import-grype</code>).</p>\n";
    } else {
        std::vector<const Vulnerability*> sorted;
        for (const auto& v : c.vulnerabilities) {
            sorted.push_back(&v);
        }
        std::stable_sort(sorted.begin(), sorted.end(), [](const Vulnerability* a, const Vulnerability* b) {
            if (rank(a->severity) != rank(b->severity)) {
                return rank(a->severity) > rank(b->severity);
            }
            if (a->package != b->package) {
                return a->package < b->package;
            }
            return a->id < b->id;
        });
        o << "<h4>Vulnerable packages</h4>\n<table class=\"vulns\"><tr><th>Package</th><th>Installed</th>"
          << "<th>Fixed in</th><th>Vulnerability</th><th>Severity</th><th>CVSS</th></tr>";
        for (const Vulnerability* v : sorted) {
            o << "<tr><td>" << esc(v->package, 256) << "</td><td>" << esc(v->installedVersion, 256)
              << "</td><td>"
              << (v->fixedVersion.empty() ? std::string("no fix published") : esc(v->fixedVersion, 256))
              << "</td><td>" << esc(v->id, 128)
              << (v->title.empty() ? std::string() : "<br>" + esc(v->title, 300)) << "</td><td>"
              << severityCell(v->severity, print) << "</td><td>" << cvssText(v->cvssScore) << "</td></tr>";
        }
        o << "</table>\n";
    }

    if (!c.packages.empty()) {
        // dpkg keeps licences outside its status file: a column that would be empty for every row is left
        // out.
        const bool licences = std::any_of(c.packages.begin(), c.packages.end(),
                                          [](const InstalledPackage& p) { return !p.license.empty(); });
        const std::string header =
            std::string("<tr><th>Name</th><th>Version</th><th>Source</th><th>Arch</th>") +
            (licences ? "<th>Licence</th>" : "") + "</tr>";
        if (print) {
            o << "<h4>Packages (" << c.packages.size()
              << ")</h4>\n<table class=\"packages\" cellpadding=\"1\">" << header;
        } else {
            // <details> folds the list without any script; the report's CSP forbids scripts anyway.
            o << "<details><summary>All " << c.packages.size()
              << " packages</summary>\n<table class=\"packages\">" << header;
        }
        for (const auto& p : c.packages) {
            const bool ownSource = p.sourceName.empty() || p.sourceName == p.name;
            o << "<tr><td>" << esc(p.name, 256) << "</td><td>" << esc(p.version, 256) << "</td><td>"
              << (ownSource ? std::string() : esc(p.sourceName, 256)) << "</td><td>" << esc(p.arch, 64)
              << "</td>" << (licences ? "<td>" + esc(p.license, 256) + "</td>" : std::string()) << "</tr>";
        }
        o << "</table>\n" << (print ? "" : "</details>\n");
    }
    for (const auto& note : c.notes) {
        o << "<p class=\"meta\">Note: " << esc(note) << "</p>\n";
    }
}

} // namespace

std::string imageContentsHtml(const ScanResult& scan, bool print)
{
    if (scan.imageContents.empty()) {
        return {};
    }
    std::ostringstream o;
    o << "<h2 id=\"contents\">Image contents</h2>\n";
    o << "<p class=\"meta\">What content analysis read inside " << scan.imageContents.size()
      << (scan.imageContents.size() == 1 ? " image" : " images")
      << ": the operating system, the installed OS packages and their known vulnerabilities.</p>\n";
    for (const auto& c : scan.imageContents) {
        imageBlock(o, c, scan.inventory, print);
    }
    return o.str();
}

} // namespace drydock
