#include "core/report/HtmlReportWriter.h"

#include "core/common/Time.h"
#include "core/report/FixPriorities.h"
#include "core/report/HtmlImageContents.h"
#include "core/report/HtmlReportParts.h"
#include "core/report/PrintMarkup.h"
#include "core/report/SeverityColour.h"

#include <map>
#include <set>
#include <sstream>

namespace drydock {

std::pair<int, int> printMapSize(double drawingWidth, double drawingHeight)
{
    if (drawingWidth <= 0 || drawingHeight <= 0) {
        return {kMapChart.width, 1};
    }
    double w = kMapChart.width;
    double h = w * drawingHeight / drawingWidth;
    if (h > kMapChart.height) {
        w *= kMapChart.height / h;
        h = kMapChart.height;
    }
    return {std::max(1, static_cast<int>(w)), std::max(1, static_cast<int>(h))};
}


using namespace htmlreport;

namespace {

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
.layout td, .layout th { border: none; } .layout { width: auto; } code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
@media print { body { margin: 0; max-width: none; } .finding { break-inside: avoid; } }
)css";

} // namespace

std::string HtmlReportWriter::write(const ReportData& data, Variant variant)
{
    const bool print = variant == Variant::Print;
    const ScanResult& scan = *data.scan;
    const Inventory& inv = scan.inventory;
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         "'unsafe-inline'; img-src data:\">"
      << "<title>" << esc(data.title) << "</title><style>" << (print ? "" : kCss)
      << "</style></head><body>\n";
    // The PDF's title page says all of this (PdfExporter): on paper the summary starts the first body page.
    if (!print) {
        o << "<h1>" << esc(data.title) << "</h1>\n";
        o << "<p class=\"meta\">Endpoint <b>" << esc(inv.endpoint) << "</b> &middot; " << esc(inv.engineName)
          << " " << esc(inv.engineVersion) << " (API " << esc(inv.apiVersion) << ") &middot; scanned "
          << formatRfc3339(scan.startedAtUnix)
          << (data.scanId ? " &middot; scan " + std::to_string(data.scanId) : std::string())
          << " &middot; rules " << esc(scan.catalogueVersion) << " &middot; CIS Docker Benchmark "
          << toString(data.cisVersion) << "</p>\n";
    }

    // 1. The one-page summary; with detail "summary" the report ends there, so its rule ids link nowhere.
    const bool summaryOnly = data.detail == ReportDetail::Summary;
    const RuleRefs refs = summaryOnly ? RuleRefs::Plain : (print ? RuleRefs::LinkWithPage : RuleRefs::Link);
    std::set<std::string> referenced;
    const FixPriorities priorities = data.catalogue != nullptr ? computeFixPriorities(scan, *data.catalogue)
                                                               : computeFixPriorities(scan, RuleCatalogue{});
    summarySection(o, data, priorities, print, refs, referenced);

    if (!summaryOnly) {
        changesSection(o, data, print, referenced);
        // 2. Per object, compact.
        objectsSection(o, data, print, referenced);
        fileFixesSection(o, data, print);
        o << imageContentsHtml(scan, print);

        // 4 (listed before the rules so they link to them): waived findings with reason, author and expiry.
        std::vector<const Finding*> waived;
        if (data.includeWaived) {
            for (const auto& f : scan.findings.all()) {
                if (f.waiver) {
                    waived.push_back(&f);
                    referenced.insert(f.ruleId);
                }
            }
        }
        // 3. Why and how to fix, once per rule.
        rulesSection(o, data, referenced, print);
        if (!waived.empty()) {
            o << "<h2 id=\"waived\">Waived "
                 "findings</h2>\n<table><tr><th>Severity</th><th>Rule</th><th>Object</th>"
              << "<th>Reason</th><th>Author</th><th>Expires</th></tr>";
            for (const Finding* f : waived) {
                o << "<tr class=\"waived\"><td>" << severityBadge(f->severity, print) << "</td><td>"
                  << ruleLink(f->ruleId, refs) << "</td><td>" << esc(f->object.name, 256) << "</td><td>"
                  << esc(f->waiver->reason) << "</td><td>" << esc(f->waiver->author, 256) << "</td><td>"
                  << (f->waiver->expiresAtUnix ? formatRfc3339(*f->waiver->expiresAtUnix).substr(0, 10)
                                               : std::string("never"))
                  << "</td></tr>";
            }
            o << "</table>\n";
        }

        // Appendix: practices and CIS ids against results
        if (data.catalogue) {
            std::map<std::string, int> openByRule;
            for (const auto& f : scan.findings.all()) {
                if (!f.waiver) {
                    ++openByRule[f.ruleId];
                }
            }
            o << "<h2 id=\"appendix\">Appendix: practices, CIS references and results</h2>\n<table "
                 "width=\"100%\">"
              << "<tr><th>Rule</th><th>Area</th><th>Practice</th><th>CIS</th><th>Check</th><th>Result</th></"
                 "tr>";
            for (const auto& r : data.catalogue->rules()) {
                const RuleInfo& i = r->info();
                // Host rules ran only when the scan read the daemon's host; elsewhere "pass" would be untrue.
                if (i.area == Area::Host && !scan.inventory.host) {
                    continue;
                }
                const auto it = openByRule.find(i.id);
                // Small print on paper: the appendix lists every rule, and it is looked up, not read through.
                const auto cell = [print](const std::string& html) {
                    return print ? "<td><small>" + html + "</small></td>" : "<td>" + html + "</td>";
                };
                o << "<tr>" << cell(esc(i.id)) << cell(displayName(i.area)) << cell(esc(i.practice))
                  << cell(esc([&] {
                         const CisReference cis = translateCis(i.cis, data.cisVersion);
                         return cis.id.empty() ? std::string("-") : cis.version + " " + cis.id;
                     }()))
                  << cell(esc(i.title))
                  << cell(it == openByRule.end() ? std::string("pass") : std::to_string(it->second) + " open")
                  << "</tr>";
            }
            o << "</table>\n";
        }
        if (const auto coverage = reportCoverage(data)) {
            benchmarkSection(o, *coverage, print);
        }
    }
    o << "<p class=\"meta\">Generated by Drydock " << DRYDOCK_VERSION
      << ". Secret values are masked; Drydock only read from the daemon.</p>\n</body></html>\n";
    return print ? withPrintAttributes(o.str()) : o.str();
}

} // namespace drydock
