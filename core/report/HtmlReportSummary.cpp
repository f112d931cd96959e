// Section 1 of the HTML and PDF report: the one-page summary, and the changes since the baseline.
#include "core/report/ExposureMap.h"
#include "core/report/HtmlReportParts.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/SeverityColour.h"
#include "core/results/PostureScore.h"

#include <algorithm>

namespace drydock::htmlreport {

namespace {

const Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low,
                           Severity::Info};
const Area kAreas[] = {Area::Image,   Area::Container, Area::Runtime, Area::Network,
                       Area::Secrets, Area::Daemon,    Area::Swarm,   Area::Host};

// Horizontal bars, one per label, scaled to the largest count, with the count after each bar.
std::string barChart(const char* label, const std::vector<std::pair<std::string, int>>& bars,
                     const std::vector<std::string>& colours, int width)
{
    int maxCount = 1;
    for (const auto& [name, n] : bars) {
        maxCount = std::max(maxCount, n);
    }
    const int barSpace = width - 110;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\""
        << bars.size() * 22 + 6 << "\" role=\"img\" aria-label=\"" << label << "\">";
    int y = 4;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int n = bars[i].second;
        const int w = n * barSpace / maxCount;
        svg << "<text x=\"0\" y=\"" << y + 13 << "\" font-size=\"12\">" << bars[i].first << "</text>"
            << "<rect x=\"72\" y=\"" << y << "\" width=\"" << w << "\" height=\"16\" fill=\"" << colours[i]
            << "\"/>"
            << "<text x=\"" << 78 + w << "\" y=\"" << y + 13 << "\" font-size=\"12\">" << n << "</text>";
        y += 22;
    }
    svg << "</svg>";
    return svg.str();
}

// The score of each scan since the baseline as a line, the last point marked.
std::string sparkline(const std::vector<ScorePoint>& points)
{
    const int w = kTrendChart.width;
    const int h = kTrendChart.height;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
        << "\" role=\"img\" aria-label=\"Posture score per scan since the baseline\"><polyline fill=\"none\" "
           "stroke=\"#1d4e89\" stroke-width=\"2\" points=\"";
    const auto at = [&](std::size_t i) {
        const int x = 3 + static_cast<int>(i * static_cast<std::size_t>(w - 6) / (points.size() - 1));
        const int y = 3 + (100 - std::clamp(points[i].score, 0, 100)) * (h - 6) / 100;
        return std::make_pair(x, y);
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto [x, y] = at(i);
        svg << (i ? " " : "") << x << "," << y;
    }
    const auto [lx, ly] = at(points.size() - 1);
    svg << "\"/><circle cx=\"" << lx << "\" cy=\"" << ly << "\" r=\"3\" fill=\"#1d4e89\"/></svg>";
    return svg.str();
}

std::string chart(const PrintChart& c, const std::string& svg, bool print, const char* alt)
{
    if (!print) {
        return svg;
    }
    return std::string("<img src=\"") + c.url + "\" width=\"" + std::to_string(c.width) + "\" height=\"" +
           std::to_string(c.height) + "\" alt=\"" + alt + "\">";
}

std::array<int, severityCount> countsOf(const std::vector<Finding>& findings)
{
    std::array<int, severityCount> out{};
    for (const auto& f : findings) {
        ++out[static_cast<std::size_t>(f.severity)];
    }
    return out;
}

// "container web, container db and 3 more": the first objects of a risk by name, the rest counted.
std::string objectsPhrase(const std::vector<ObjectRef>& objects)
{
    constexpr std::size_t kNamed = 2;
    std::string out;
    for (std::size_t i = 0; i < std::min(kNamed, objects.size()); ++i) {
        const ObjectRef& o = objects[i];
        const bool sameType = i > 0 && objects[i - 1].type == o.type; // "container a, b and c"
        out += (i == 0 ? "" : (i + 1 == objects.size() ? " and " : ", ")) +
               (sameType ? std::string() : std::string(toString(o.type)) + " ") +
               esc(o.name.empty() ? o.id : o.name, 256);
    }
    if (objects.size() > kNamed) {
        out += " and " + std::to_string(objects.size() - kNamed) + " more";
    }
    return out;
}

// The exposure map (issue #24): the same picture as the Map page, as SVG in a browser and, on paper, an image
// the PDF renderer draws from the same drawing.
void exposureMapSection(std::ostringstream& o, const ScanResult& scan, bool print)
{
    if (auto map = reportExposureMap(scan)) {
        o << "<h3>Exposure map</h3>\n<p class=\"meta\"><small>"
          << (map->reachableOnly ? "Only what is reachable from outside is drawn (ports published on a network "
                                   "address, the host's network): the endpoint has more than " +
                                       std::to_string(kReportMapContainers) + " containers. "
                                 : std::string())
          << "Compose projects are one box each; red lines are ports published on a network address, grey "
             "dashed ones on loopback only.</small></p>\n";
        if (print) {
            const auto [w, h] = printMapSize(map->drawing.width, map->drawing.height);
            o << "<p><img src=\"" << kMapChart.url << "\" width=\"" << w << "\" height=\"" << h
              << "\" alt=\"exposure map\"></p>\n";
        } else {
            o << "<div class=\"map\" style=\"overflow-x:auto\">" << exposureSvg(map->drawing, false) << "</div>\n";
        }
    }
}

} // namespace

void summarySection(std::ostringstream& o, const ReportData& data, const FixPriorities& priorities,
                    bool print, RuleRefs refs, std::set<std::string>& referenced)
{
    const ScanResult& scan = *data.scan;
    const PostureScore score = PostureScore::compute(scan.findings, data.objects());
    const auto counts = scan.findings.countsBySeverity();
    o << "<h2 id=\"summary\">Summary</h2>\n";
    o << "<p><span class=\"score\">" << (print ? "<font size=\"+3\"><b>" : "") << score.score
      << (print ? "</b></font>" : "") << "</span> / 100 (grade " << score.grade() << ") &middot; "
      << data.objects() << " objects scanned &middot; "
      << scan.findings.size() - static_cast<std::size_t>(scan.findings.waivedCount()) << " open findings";
    if (data.scoreTrend.size() >= 2) {
        const ScorePoint& first = data.scoreTrend.front();
        const int change = score.score - first.score;
        o << " &middot; trend since scan " << first.scanId << ": " << first.score << " &#8594; "
          << score.score << " (" << (change > 0 ? "+" : "") << change << ") "
          << chart(kTrendChart, sparkline(data.scoreTrend), print, "score trend");
    }
    if (print) { // "… 474 open findings: 5 critical · …", on a line of its own after the trend's picture
        o << (data.scoreTrend.size() >= 2 ? "<br>Open findings:" : ":");
        for (Severity s : kOrder) {
            o << " " << counts[static_cast<std::size_t>(s)] << " " << severityBadge(s, print) << " &middot;";
        }
        o << " " << scan.findings.waivedCount() << " waived";
    }
    o << "</p>\n";
    const std::string explanation =
        "<p class=\"meta\"><small>" + esc(PostureScore::explanation()) + "</small></p>\n";
    if (!print) { // on paper it closes the summary, so the page holds the ten risks and the quick wins
        o << explanation;
    }

    std::vector<std::pair<std::string, int>> bySeverity;
    std::vector<std::string> severityColours;
    for (Severity s : kOrder) {
        bySeverity.emplace_back(toString(s), counts[static_cast<std::size_t>(s)]);
        severityColours.emplace_back(severityColour(s));
    }
    const auto areaCounts = scan.findings.countsByArea();
    std::vector<std::pair<std::string, int>> byArea;
    for (Area a : kAreas) {
        const auto it = areaCounts.find(a);
        byArea.emplace_back(displayName(a), it == areaCounts.end() ? 0 : it->second);
    }
    // Counts by severity (a table in a browser; in print, where the charts are pictures, on the score's line)
    // and two charts.
    o << "<table class=\"layout\"><tr>";
    if (!print) {
        o << "<td valign=\"top\"><table><tr><th>Severity</th><th>Open</th></tr>";
        for (Severity s : kOrder) {
            o << "<tr><td>" << severityBadge(s, print) << "</td><td>" << counts[static_cast<std::size_t>(s)]
              << "</td></tr>";
        }
        o << "<tr><td>waived</td><td>" << scan.findings.waivedCount() << "</td></tr></table></td>";
    }
    o << "<td valign=\"top\"><b>By severity</b><br/>"
      << chart(kSeverityChart,
               barChart("Open findings by severity", bySeverity, severityColours, kSeverityChart.width),
               print, "open findings by severity")
      << "</td><td valign=\"top\"><b>By area</b><br/>"
      << chart(kAreaChart,
               barChart("Open findings by area", byArea, std::vector<std::string>(byArea.size(), "#1d4e89"),
                        kAreaChart.width),
               print, "open findings by area")
      << "</td></tr></table>\n";

    if (!print) {
        exposureMapSection(o, scan, print);
    }

    if (data.delta) {
        const auto added = countsOf(data.delta->newFindings);
        const auto resolved = countsOf(data.delta->resolved);
        o << "<p><b>Since scan " << data.baselineScanId << ":</b> " << data.delta->newFindings.size()
          << " new (" << countsPhrase(added) << "), " << data.delta->resolved.size() << " resolved ("
          << countsPhrase(resolved) << "), " << data.delta->unchanged << " unchanged.</p>\n";
    }

    o << "<h3>Fix first</h3>\n";
    if (priorities.fixFirst.empty()) {
        o << "<p>Nothing open above info.</p>\n";
    } else {
        o << "<table width=\"100%\"><tr><th width=\"3%\">#</th><th width=\"9%\">Severity</th>"
             "<th width=\"31%\">Risk</th><th width=\"30%\">What an attacker gains</th><th "
             "width=\"27%\">Fix</th></tr>";
        int n = 0;
        for (const auto& item : priorities.fixFirst) {
            referenced.insert(item.ruleId);
            o << rowOpen(static_cast<std::size_t>(n), print) << "<td>" << n + 1 << "</td><td>"
              << severityBadge(item.severity, print) << "</td><td><small><b>" << esc(item.title, 512) << "</b> (" << ruleLink(item.ruleId, refs)
              << ") on " << objectsPhrase(item.objects) << "</small></td><td><small><i>"
              << esc(item.attackerGains, 512) << "</i></small></td><td><small>" << esc(item.fix, 512)
              << "</small></td></tr>";
            ++n;
        }
        o << "</table>\n";
    }
    o << "<h3>Quick wins</h3>\n";
    if (priorities.quickWins.empty()) {
        o << "<p>No change applied by default resolves an open finding above info.</p>\n";
    } else {
        o << "<table><tr><th>Resolves</th><th>Change</th><th>Risk of breaking</th></tr>";
        std::size_t row = 0;
        for (const auto& w : priorities.quickWins) {
            referenced.insert(w.ruleId);
            o << rowOpen(row++, print) << "<td><small>" << w.findingCount << (w.findingCount == 1 ? " finding" : " findings")
              << " on " << w.objectCount << " " << esc(w.objectNoun) << " (" << ruleLink(w.ruleId, refs)
              << ")</small></td><td><small>" << esc(w.fix, 512) << "</small></td><td><small>"
              << esc(w.risk, 512) << "</small></td></tr>";
        }
        o << "</table>\n";
    }
    if (print) {
        o << explanation;
        // On paper after the ten risks and the quick wins, so the first page still holds them; a summary-only
        // report is that one page (the browser's summary has the map).
        if (data.detail != ReportDetail::Summary) {
            exposureMapSection(o, scan, print);
        }
    }
}

void changesSection(std::ostringstream& o, const ReportData& data, bool print,
                    std::set<std::string>& referenced)
{
    if (!data.delta) {
        return;
    }
    constexpr std::size_t kShown = 25;
    o << "<h2 id=\"changes\">Changes since scan " << data.baselineScanId << "</h2>\n";
    o << "<p>" << data.delta->newFindings.size() << " new, " << data.delta->resolved.size() << " resolved, "
      << data.delta->unchanged << " unchanged.</p>\n";
    for (const auto* list : {&data.delta->newFindings, &data.delta->resolved}) {
        if (list->empty()) {
            continue;
        }
        std::vector<const Finding*> sorted;
        for (const auto& f : *list) {
            sorted.push_back(&f);
        }
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
        o << "<h3>" << (list == &data.delta->newFindings ? "New" : "Resolved") << "</h3><table>"
          << "<tr><th>Severity</th><th>Rule</th><th>Object</th><th>Finding</th></tr>";
        for (std::size_t i = 0; i < std::min(kShown, sorted.size()); ++i) {
            const Finding& f = *sorted[i];
            referenced.insert(f.ruleId);
            o << "<tr><td>" << severityBadge(f.severity, print) << "</td><td>"
              << ruleLink(f.ruleId, print ? RuleRefs::LinkWithPage : RuleRefs::Link) << "</td><td>"
              << esc(f.object.name, 256) << "</td><td>" << esc(f.title, 512) << "</td></tr>";
        }
        o << "</table>\n";
        if (sorted.size() > kShown) {
            o << "<p class=\"meta\">&#8230; and " << sorted.size() - kShown
              << " more, of lower or equal severity (every finding is in the JSON, SARIF and CSV "
                 "reports).</p>\n";
        }
    }
}

} // namespace drydock::htmlreport
