#include "core/report/FleetHtmlReport.h"

#include "core/common/Time.h"
#include "core/report/HtmlEscape.h"
#include "core/report/PrintMarkup.h"
#include "core/report/SeverityColour.h"
#include "core/report/ReportData.h"

#include <sstream>

namespace drydock {

namespace {

const Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};

const char* kCss = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2937; margin: 2em auto; max-width: 1100px; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #e5e7eb; padding-bottom: 0.2em; margin-top: 1.6em; }
.meta { color: #4b5563; } .unreachable { color: #9b1c1c; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; } th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.sev { color: #fff; font-weight: bold; padding: 1px 8px; border-radius: 8px; white-space: nowrap; }
@media print { body { margin: 0; max-width: none; } }
)css";

std::string esc(const std::string& s, std::size_t max = 1024) { return htmlEscape(reportText(s, max)); }

} // namespace

std::string FleetHtmlReport::render(const FleetSummary& s, std::int64_t generatedAtUnix, bool print)
{
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      << "<title>Drydock fleet report</title><style>" << (print ? "" : kCss) << "</style></head><body>\n";
    o << "<h1>Drydock fleet report</h1>\n<p class=\"meta\">" << s.endpoints.size() << " endpoint(s): " << s.reachable
      << " scanned, " << s.unreachable << " unreachable &middot; generated " << formatRfc3339(generatedAtUnix)
      << "</p>\n";

    // Column widths say where the room goes (addresses are long, counts short); without them a paginated
    // rendering (the PDF) gives every column the same share and breaks words in the headers. An endpoint's
    // name and address share a column: from the history they are the same.
    o << "<h2 id=\"endpoints\">Posture per endpoint</h2>\n<table width=\"100%\"><tr><th width=\"21%\">Endpoint</th>"
         "<th width=\"8%\">Score</th>";
    for (const Severity sev : kOrder) {
        o << "<th width=\"9%\">" << toString(sev) << "</th>";
    }
    o << "<th width=\"8%\">Waived</th><th width=\"12%\">Since its last scan</th><th width=\"6%\">Scan</th></tr>\n";
    for (const auto& e : s.endpoints) {
        o << "<tr><td><b>" << esc(e.name, 200) << "</b>";
        if (e.address != e.name) {
            o << "<br><span class=\"meta\">" << esc(e.address, 300) << "</span>";
        }
        o << "</td>";
        if (!e.reachable) {
            o << "<td colspan=\"9\" class=\"unreachable\">unreachable: " << esc(e.error, 600) << "</td></tr>\n";
            continue;
        }
        o << "<td class=\"n\">" << e.posture.score << " (" << esc(e.posture.grade()) << ")</td>";
        for (const Severity sev : kOrder) {
            o << "<td class=\"n\">" << e.open[static_cast<std::size_t>(sev)] << "</td>";
        }
        o << "<td class=\"n\">" << e.waived << "</td><td>";
        if (e.baselineScanId) {
            o << "+" << e.newFindings << " new, &minus;" << e.resolvedFindings << " resolved (scan " << *e.baselineScanId
              << ")";
        } else {
            o << "first scan";
        }
        o << "</td><td class=\"n\">" << (e.scanId ? std::to_string(e.scanId) : std::string("not stored")) << "</td></tr>\n";
    }
    o << "<tr><th colspan=\"2\">Fleet</th>";
    for (const Severity sev : kOrder) {
        o << "<th class=\"n\">" << s.open[static_cast<std::size_t>(sev)] << "</th>";
    }
    o << "<th colspan=\"3\"></th></tr></table>\n";

    o << "<h2 id=\"worst\">Worst open findings across the fleet</h2>\n";
    if (s.worst.empty()) {
        o << "<p>None.</p>\n";
    } else {
        o << "<table><tr><th>Severity</th><th>Rule</th><th>Endpoint</th><th>Object</th><th>Finding</th>"
             "<th>How to fix</th></tr>\n";
        for (const auto& w : s.worst) {
            const Finding& f = w.finding;
            o << "<tr><td>" << severityBadge(f.severity, print) << "</td><td>" << esc(f.ruleId, 40) << "</td><td>" << esc(w.endpoint, 200)
              << "</td><td>" << toString(f.object.type) << " " << esc(f.object.name, 300) << "</td><td>"
              << esc(f.title, 300) << "<br><small>" << esc(f.evidence, 600) << "</small></td><td>" << esc(f.fix, 800)
              << "</td></tr>\n";
        }
        o << "</table>\n";
    }
    o << "<p class=\"meta\">Secret values are masked. Each endpoint's full report: <code>drydock report SCAN_ID "
         "--format html --output FILE</code>.</p>\n</body></html>\n";
    return print ? withPrintAttributes(o.str()) : o.str();
}

} // namespace drydock
