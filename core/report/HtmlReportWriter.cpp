#include "core/report/HtmlReportWriter.h"

#include "core/common/Time.h"
#include "core/report/HtmlEscape.h"
#include "core/report/HtmlImageContents.h"
#include "core/report/PrintMarkup.h"
#include "core/report/SeverityColour.h"
#include "core/results/PostureScore.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace drydock {

namespace {

const Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};
const Area kAreas[] = {Area::Image, Area::Container, Area::Runtime, Area::Network, Area::Secrets, Area::Daemon, Area::Swarm};

std::string esc(const std::string& s, std::size_t max = 4096) { return htmlEscape(reportText(s, max)); }

// A command for people to read and copy: whole or left out with a reason (reportCommand), never cut.
std::string escCommand(const std::string& command)
{
    return htmlEscape(reportCommand(command));
}

// Escaped, multi-line code for Qt's renderer: monospace lines that wrap, indented. Qt has no cheap <pre> that
// wraps (white-space: pre-wrap is CSS, parsed per element — as slow over 10,000 findings as a stylesheet), so
// lines become <br>s and indentation non-breaking spaces inside an attribute-styled block.
std::string codeBlockForPrint(const std::string& escaped)
{
    std::string out = "<blockquote><font face=\"DejaVu Sans Mono\" color=\"#1f2937\">";
    bool lineStart = true;
    for (const char c : escaped) {
        if (c == '\n') {
            out += "<br>";
            lineStart = true;
        } else if (c == ' ' && lineStart) {
            out += "&nbsp;";
        } else {
            out += c;
            lineStart = false;
        }
    }
    return out + "</font></blockquote>";
}

const char* kCss = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2937; margin: 2em auto; max-width: 1100px; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #e5e7eb; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { margin-bottom: 0.3em; } .meta { color: #4b5563; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; } th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } .sev { color: #fff; font-weight: bold; padding: 1px 8px; border-radius: 8px; white-space: nowrap; }
pre { background: #f3f4f6; border: 1px solid #e5e7eb; padding: 8px; white-space: pre-wrap; word-break: break-all; font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
.finding { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 12px; margin: 0.8em 0; page-break-inside: avoid; }
.score { font-size: 2.6em; font-weight: bold; } .waived { color: #6b7280; }
.packages td { padding: 1px 6px; font-size: 0.9em; } details { margin: 0.6em 0; } summary { cursor: pointer; font-weight: bold; }
@media print { body { margin: 0; max-width: none; } .finding { break-inside: avoid; } }
)css";

std::string severityChart(const std::array<int, severityCount>& counts)
{
    // A horizontal bar per severity, scaled to the largest count.
    int maxCount = 1;
    for (int c : counts) {
        maxCount = std::max(maxCount, c);
    }
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"420\" height=\"130\" role=\"img\" "
           "aria-label=\"Open findings by severity\">";
    int y = 4;
    for (Severity s : kOrder) {
        const int n = counts[static_cast<std::size_t>(s)];
        const int w = n * 300 / maxCount;
        svg << "<text x=\"0\" y=\"" << y + 14 << "\" font-size=\"12\">" << toString(s) << "</text>"
            << "<rect x=\"70\" y=\"" << y << "\" width=\"" << w << "\" height=\"18\" fill=\"" << severityColour(s) << "\"/>"
            << "<text x=\"" << 76 + w << "\" y=\"" << y + 14 << "\" font-size=\"12\">" << n << "</text>";
        y += 25;
    }
    svg << "</svg>";
    return svg.str();
}

// One object's findings in the HTML report, with the weight that orders the objects.
struct ObjectGroup
{
    ObjectRef ref;
    std::vector<const Finding*> findings;
    int weight = 0;
};

void findingBlock(std::ostringstream& o, const Finding& f, const ReportData& data, bool print)
{
    o << "<div class=\"finding\">";
    o << "<h3>" << severityBadge(f.severity, print) << " " << esc(f.ruleId) << " &mdash; " << esc(f.title, 512) << "</h3>";
    if (print) {
        // Paragraphs, not a table per finding: Qt's text layout is several times slower with thousands of
        // tables, and paragraphs break across pages cleanly.
        const auto row = [&o](const char* name, const std::string& html) {
            o << "<p class=\"field\"><b>" << name << ":</b> " << html << "</p>";
        };
        row("Evidence", esc(f.evidence));
        if (!f.cis.id.empty()) {
            row("CIS Docker Benchmark", esc(f.cis.version) + " &sect;" + esc(f.cis.id));
        }
        row("Why it matters", esc(f.rationale));
        row("How to fix", esc(f.fix));
    } else {
        o << "<table><tr><th width=\"18%\">Evidence</th><td>" << esc(f.evidence) << "</td></tr>";
        if (!f.cis.id.empty()) {
            o << "<tr><th>CIS Docker Benchmark</th><td>" << esc(f.cis.version) << " &sect;" << esc(f.cis.id) << "</td></tr>";
        }
        o << "<tr><th>Why it matters</th><td>" << esc(f.rationale) << "</td></tr>";
        o << "<tr><th>How to fix</th><td>" << esc(f.fix) << "</td></tr>";
        if (f.waiver) {
            o << "<tr><th>Waived</th><td>" << esc(f.waiver->reason)
              << (f.waiver->expiresAtUnix ? " (until " + formatRfc3339(*f.waiver->expiresAtUnix).substr(0, 10) + ")" : "")
              << "</td></tr>";
        }
        o << "</table>";
    }
    if (data.includeRemediation) {
        const auto code = [&o, print](const char* name, const std::string& text) {
            if (!text.empty()) {
                o << "<p><b>" << name << "</b></p>" << (print ? codeBlockForPrint(escCommand(text)) : "<pre>" + escCommand(text) + "</pre>");
            }
        };
        code("Remediated command", f.remediation.runCommand);
        code("Compose", f.remediation.compose);
        code("Dockerfile", f.remediation.dockerfile);
    }
    o << "</div>\n";
}

} // namespace

std::string HtmlReportWriter::write(const ReportData& data, Variant variant)
{
    const bool print = variant == Variant::Print;
    const ScanResult& scan = *data.scan;
    const Inventory& inv = scan.inventory;
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
      << "<title>" << esc(data.title) << "</title><style>" << (print ? "" : kCss) << "</style></head><body>\n";
    o << "<h1>" << esc(data.title) << "</h1>\n";
    o << "<p class=\"meta\">Endpoint <b>" << esc(inv.endpoint) << "</b> &middot; " << esc(inv.engineName) << " " << esc(inv.engineVersion)
      << " (API " << esc(inv.apiVersion) << ") &middot; scanned " << formatRfc3339(scan.startedAtUnix)
      << (data.scanId ? " &middot; scan " + std::to_string(data.scanId) : std::string()) << " &middot; rules "
      << esc(scan.catalogueVersion) << "</p>\n";

    // Summary
    const PostureScore score = PostureScore::compute(scan.findings, data.objects());
    const auto counts = scan.findings.countsBySeverity();
    o << "<h2 id=\"summary\">Summary</h2>\n";
    o << "<p><span class=\"score\">" << score.score << "</span> / 100 (grade " << score.grade() << ") &middot; "
      << data.objects() << " objects scanned</p>\n";
    o << "<p class=\"meta\">" << esc(PostureScore::explanation()) << "</p>\n";
    o << "<table><tr><th>Severity</th><th>Open findings</th></tr>";
    for (Severity s : kOrder) {
        o << "<tr><td>" << severityBadge(s, print) << "</td><td>" << counts[static_cast<std::size_t>(s)] << "</td></tr>";
    }
    o << "<tr><td>waived</td><td>" << scan.findings.waivedCount() << "</td></tr></table>\n";
    if (!print) {
        o << severityChart(counts) << "\n";
    }
    const auto byArea = scan.findings.countsByArea();
    o << "<table><tr><th>Area</th><th>Open findings</th></tr>";
    for (Area a : kAreas) {
        const auto it = byArea.find(a);
        o << "<tr><td>" << displayName(a) << "</td><td>" << (it == byArea.end() ? 0 : it->second) << "</td></tr>";
    }
    o << "</table>\n";

    // Changes since the baseline
    if (data.delta) {
        o << "<h2 id=\"changes\">Changes since scan " << data.baselineScanId << "</h2>\n";
        o << "<p>" << data.delta->newFindings.size() << " new, " << data.delta->resolved.size() << " resolved, "
          << data.delta->unchanged << " unchanged.</p>\n";
        for (const auto* list : {&data.delta->newFindings, &data.delta->resolved}) {
            if (list->empty()) {
                continue;
            }
            o << "<h3>" << (list == &data.delta->newFindings ? "New" : "Resolved") << "</h3><table>"
              << "<tr><th>Severity</th><th>Rule</th><th>Object</th><th>Finding</th></tr>";
            for (const auto& f : *list) {
                o << "<tr><td>" << severityBadge(f.severity, print) << "</td><td>" << esc(f.ruleId) << "</td><td>"
                  << esc(f.object.name, 256) << "</td><td>" << esc(f.title, 512) << "</td></tr>";
            }
            o << "</table>\n";
        }
    }

    // Findings per object, worst object first
    std::map<std::string, ObjectGroup> groups;
    std::vector<const Finding*> waived;
    for (const auto& f : scan.findings.all()) {
        if (f.waiver) {
            waived.push_back(&f);
            continue;
        }
        const std::string key = std::string(toString(f.object.type)) + "\x1f" + f.object.id;
        ObjectGroup& g = groups[key];
        g.ref = f.object;
        g.findings.push_back(&f);
        g.weight += PostureScore::weight(f.severity) * 100 + 1;
    }
    std::vector<const ObjectGroup*> ordered;
    for (const auto& [key, g] : groups) {
        ordered.push_back(&g);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const ObjectGroup* a, const ObjectGroup* b) { return a->weight > b->weight; });
    o << "<h2 id=\"findings\">Findings by object</h2>\n";
    if (ordered.empty()) {
        o << "<p>No open findings.</p>\n";
    }
    for (const ObjectGroup* g : ordered) {
        o << "<h2 class=\"object\">" << toString(g->ref.type) << " " << esc(g->ref.name, 256) << "</h2>\n";
        if (!g->ref.id.empty() && g->ref.id != g->ref.name) {
            o << "<p class=\"meta\">" << esc(g->ref.id, 128) << "</p>\n";
        }
        for (const Finding* f : g->findings) {
            findingBlock(o, *f, data, print);
        }
    }
    if (data.includeWaived && !waived.empty()) {
        o << "<h2 id=\"waived\">Waived findings</h2>\n<table><tr><th>Severity</th><th>Rule</th><th>Object</th>"
          << "<th>Reason</th><th>Expires</th></tr>";
        for (const Finding* f : waived) {
            o << "<tr class=\"waived\"><td>" << severityBadge(f->severity, print) << "</td><td>" << esc(f->ruleId) << "</td><td>"
              << esc(f->object.name, 256) << "</td><td>" << esc(f->waiver->reason) << "</td><td>"
              << (f->waiver->expiresAtUnix ? formatRfc3339(*f->waiver->expiresAtUnix).substr(0, 10) : std::string("never"))
              << "</td></tr>";
        }
        o << "</table>\n";
    }

    o << imageContentsHtml(scan, print);

    // Appendix: practices and CIS ids against results
    if (data.catalogue) {
        std::map<std::string, int> openByRule;
        for (const auto& f : scan.findings.all()) {
            if (!f.waiver) {
                ++openByRule[f.ruleId];
            }
        }
        o << "<h2 id=\"appendix\">Appendix: practices, CIS references and results</h2>\n<table>"
          << "<tr><th>Rule</th><th>Area</th><th>Practice</th><th>CIS</th><th>Check</th><th>Result</th></tr>";
        for (const auto& r : data.catalogue->rules()) {
            const RuleInfo& i = r->info();
            const auto it = openByRule.find(i.id);
            o << "<tr><td>" << esc(i.id) << "</td><td>" << displayName(i.area) << "</td><td>" << esc(i.practice)
              << "</td><td>" << esc(i.cis.id.empty() ? "-" : i.cis.version + " " + i.cis.id) << "</td><td>"
              << esc(i.title) << "</td><td>"
              << (it == openByRule.end() ? std::string("pass") : std::to_string(it->second) + " open") << "</td></tr>";
        }
        o << "</table>\n";
    }
    o << "<p class=\"meta\">Generated by Drydock " << DRYDOCK_VERSION
      << ". Secret values are masked; Drydock only read from the daemon.</p>\n</body></html>\n";
    return print ? withPrintAttributes(o.str()) : o.str();
}

} // namespace drydock
