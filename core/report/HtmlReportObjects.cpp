// Sections 2 and 3 of the HTML and PDF report: one compact block per object, and the rules referenced.
#include "core/common/Time.h"
#include "core/report/HtmlReportParts.h"
#include "core/report/SeverityColour.h"
#include "core/results/PostureScore.h"
#include "core/scan/ObjectRemediation.h"

#include <algorithm>
#include <map>

namespace drydock::htmlreport {

namespace {

// One object's open findings in the report, with the weight that orders the objects (worst first).
struct ObjectGroup
{
    ObjectRef ref;
    std::vector<const Finding*> findings;
    std::array<int, severityCount> counts{};
    int weight = 0;
    Severity highest = Severity::Info;
};

// "compose.yaml:12:5": where a file finding of `drydock check` sits.
std::string locationLabel(const SourceLocation& at)
{
    return at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

// A finding's own remediation, as the report showed every finding before issue #20: folded in a browser.
void findingDetails(std::ostringstream& o, const Finding& f, bool print, CisVersion cisVersion)
{
    o << (print ? "<p>" : "<details><summary>") << severityBadge(f.severity, print) << " " << esc(f.ruleId)
      << " &mdash; " << esc(f.title, 512) << (print ? "</p>" : "</summary>");
    if (f.location) {
        o << "<p><b>Where:</b> <code>" << esc(locationLabel(*f.location), 512) << "</code></p>";
    }
    o << "<p><b>Evidence:</b> " << esc(f.evidence) << "</p>";
    if (const CisReference cis = translateCis(f.cis, cisVersion); !cis.id.empty()) {
        o << "<p><b>CIS Docker Benchmark:</b> " << esc(cis.version) << " &sect;" << esc(cis.id) << "</p>";
    }
    o << "<p><b>Why it matters:</b> " << esc(f.rationale) << "</p><p><b>How to fix:</b> " << esc(f.fix)
      << "</p>";
    const auto flags = [&o](const char* name, const std::vector<std::string>& list) {
        if (!list.empty()) {
            std::string joined;
            for (const auto& flag : list) {
                joined += (joined.empty() ? "" : "  ") + flag;
            }
            o << "<p><b>" << name << ":</b> <code>" << esc(joined) << "</code></p>";
        }
    };
    flags("Adds", f.remediation.addFlags);
    flags("Removes", f.remediation.removeFlags);
    if (!f.remediation.runCommand.empty()) {
        o << "<p><b>Remediated command</b></p>" << codeBlock(f.remediation.runCommand, print);
    }
    if (!f.remediation.dockerfile.empty()) {
        o << "<p><b>Dockerfile</b></p>" << codeBlock(f.remediation.dockerfile, print);
    }
    o << (print ? "" : "</details>") << "\n";
}

// "14 findings: 1 critical, 2 high, 11 low" — the object's open findings, counted the same in every format.
std::string findingsPhrase(const ObjectGroup& g)
{
    return std::to_string(g.findings.size()) + (g.findings.size() == 1 ? " finding: " : " findings: ") +
           countsPhrase(g.counts);
}

// "a3f9c2e1b4d7" for a 64-hex id (as docker ps shows it), the id itself otherwise.
std::string shortId(const std::string& id)
{
    const std::string bare = id.rfind("sha256:", 0) == 0 ? id.substr(7) : id;
    return bare.size() == 64 && bare.find_first_not_of("0123456789abcdef") == std::string::npos
               ? bare.substr(0, 12)
               : id;
}

// The flags of the hardened command grouped by the findings they resolve: one row per group, so the two flags
// of a memory limit or a log rotation read as one change.
struct ChangeRow
{
    std::vector<std::string> flags; // "+ --memory 512m", "− --privileged" (escaped)
    std::vector<const Finding*> resolves;
};

std::vector<ChangeRow> changeRows(const ObjectHardening& h)
{
    std::vector<ChangeRow> rows;
    for (const auto& c : h.changes) {
        const std::string flag = std::string(c.added ? "+&nbsp;" : "&#8722;&nbsp;") + esc(c.flag, 1024);
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const ChangeRow& r) { return r.resolves == c.resolves; });
        if (it == rows.end()) {
            rows.push_back({{flag}, c.resolves});
        } else {
            it->flags.push_back(flag);
        }
    }
    return rows;
}

void objectBlock(std::ostringstream& o, const ObjectGroup& g, const ReportData& data, bool print,
                 bool composeManaged, std::set<std::string>& referenced)
{
    const RuleRefs refs = print ? RuleRefs::LinkWithPage : RuleRefs::Link;
    o << "<h2 class=\"object\">" << toString(g.ref.type) << " "
      << esc(g.ref.name.empty() ? g.ref.id : g.ref.name, 256) << "</h2>\n<p class=\"meta\">";
    if (!g.ref.id.empty() && g.ref.id != g.ref.name) {
        o << esc(shortId(g.ref.id), 128) << " &middot; ";
    }
    o << findingsPhrase(g) << "</p>\n";
    o << "<table width=\"100%\"><tr><th width=\"10%\">Severity</th><th width=\"15%\">Rule</th>"
         "<th width=\"27%\">Finding</th><th width=\"42%\">Evidence</th><th width=\"6%\">CIS</th></tr>";
    for (std::size_t row = 0; row < g.findings.size(); ++row) {
        const Finding* f = g.findings[row];
        referenced.insert(f->ruleId);
        o << rowOpen(row, print, "finding") << "<td>" << severityBadge(f->severity, print) << "</td><td>" << ruleLink(f->ruleId, refs)
          << "</td><td>" << esc(f->title, 512) << "</td><td>"
          << (f->location ? "<code>" + esc(locationLabel(*f->location), 512) + "</code><br>" : std::string())
          << esc(f->evidence, 1024) << "</td><td>" <<
            [&] {
                const CisReference cis = translateCis(f->cis, data.cisVersion);
                return cis.id.empty() ? std::string("&#8211;") : esc(cis.id, 32);
            }()
          << "</td></tr>";
    }
    o << "</table>\n";
    if (!data.includeRemediation) {
        return;
    }
    if (g.findings.front()->location) {
        // A file's service or stage: the fix is a change to the file, shown once per file under "Fixes".
        const std::string& file = g.findings.front()->location->file;
        if (data.fileDiffs.count(file) > 0) {
            o << "<p class=\"meta\">The fix: the change to <code>" << esc(file, 512) << "</code> under "
              << (print ? "<i>Fixes to the files</i>" : "<a href=\"#fixes\">Fixes to the files</a>") << ".</p>\n";
        }
        return;
    }
    const ObjectHardening h = ObjectRemediation::describe(g.findings);
    const auto rows = changeRows(h);
    // The compose snippet repeats the command as YAML: with detail "objects" it is shown for containers
    // compose manages (their labels say so), where it is the file to change; "full" shows it for every
    // container.
    const bool compose = !h.compose.empty() && (composeManaged || data.detail == ReportDetail::Full);
    if (!h.runCommand.empty() || !rows.empty() || compose) {
        // Side by side, two narrow columns: the command, and beside it the compose snippet (when shown) or
        // what each change resolves; side by side they take half the height.
        // Nothing beside the command: no layout table (Qt lays out and draws every table cell by cell, and a
        // 10,000-finding PDF has hundreds of objects).
        const bool rowsBeside = !compose;
        const bool beside = compose || !rows.empty();
        if (beside) {
            o << "<table class=\"layout\" width=\"100%\"><tr><td valign=\"top\" width=\"56%\">";
        }
        if (!h.runCommand.empty()) {
            o << "<p><b>Hardened command</b> <span class=\"meta\">(all of the hardening plan's default "
                 "changes"
              << (h.leftOut.empty() ? "" : "; those that need a decision are named in its comments")
              << ")</span></p>" << codeBlock(h.runCommand, print) << "\n";
        }
        if (beside) {
            o << "</td><td valign=\"top\">";
        }
        if (compose) {
            o << "<p><b>Compose</b></p>" << codeBlock(h.compose, print);
        }
        const auto changes = [&] {
            if (rows.empty()) {
                return;
            }
            o << "<p><b>What each change resolves</b></p><table "
                 "width=\"100%\"><tr><th>Change</th><th>Resolves</th></tr>";
            for (std::size_t row = 0; row < rows.size(); ++row) {
                const ChangeRow& r = rows[row];
                o << rowOpen(row, print) << "<td><code>";
                for (std::size_t i = 0; i < r.flags.size(); ++i) {
                    o << (i ? "<br/>" : "") << r.flags[i];
                }
                o << "</code></td><td>";
                std::vector<std::string> seen;
                for (const Finding* f : r.resolves) {
                    if (std::find(seen.begin(), seen.end(), f->ruleId) == seen.end()) {
                        o << (seen.empty() ? "" : ", ") << ruleLink(f->ruleId, refs);
                        seen.push_back(f->ruleId);
                    }
                }
                o << "</td></tr>";
            }
            o << "</table>\n";
        };
        if (rowsBeside) {
            changes();
        }
        if (beside) {
            o << "</td></tr></table>\n";
        }
        if (!rowsBeside) {
            changes();
        }
    }
    if (!h.dockerfile.empty()) {
        std::string joined;
        for (const auto& d : h.dockerfile) {
            joined += (joined.empty() ? "" : "\n") + d;
        }
        o << "<p><b>Dockerfile</b></p>" << codeBlock(joined, print) << "\n";
    }
    if (data.detail == ReportDetail::Full) {
        o << (print ? "<p><b>Each finding's remediation</b></p>\n" : "");
        for (const Finding* f : g.findings) {
            findingDetails(o, *f, print, data.cisVersion);
        }
    }
}

} // namespace

void objectsSection(std::ostringstream& o, const ReportData& data, bool print,
                    std::set<std::string>& referenced)
{
    std::map<std::string, ObjectGroup> groups;
    for (const auto& f : data.scan->findings.all()) {
        if (f.waiver) {
            continue;
        }
        ObjectGroup& g =
            groups[std::string(toString(f.object.type)) + "\x1f" + f.object.id + "\x1f" + f.object.name];
        g.ref = f.object;
        g.findings.push_back(&f);
        ++g.counts[static_cast<std::size_t>(f.severity)];
        g.weight += PostureScore::weight(f.severity) * 100 + 1;
        g.highest = std::max(g.highest, f.severity);
    }
    std::vector<const ObjectGroup*> ordered;
    std::vector<const ObjectGroup*> quiet; // nothing above info
    for (const auto& [key, g] : groups) {
        (g.highest > Severity::Info ? ordered : quiet).push_back(&g);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const ObjectGroup* a, const ObjectGroup* b) {
        return a->weight != b->weight ? a->weight > b->weight : a->ref.name < b->ref.name;
    });
    o << "<h2 id=\"findings\">Findings by object</h2>\n";
    if (ordered.empty() && quiet.empty()) {
        o << "<p>No open findings.</p>\n";
    } else {
        o << "<p class=\"meta\">" << ordered.size() << " object" << (ordered.size() == 1 ? "" : "s")
          << " with findings above info, worst first; " << quiet.size()
          << " with info findings only, listed after "
          << "them. Rule ids link to why each matters and how to fix it.</p>\n";
    }
    std::set<std::string> composeManaged; // container ids
    for (const auto& c : data.scan->inventory.containers) {
        if (c.config.labels.count("com.docker.compose.project")) {
            composeManaged.insert(c.id);
        }
    }
    for (const ObjectGroup* g : ordered) {
        objectBlock(o, *g, data, print, composeManaged.count(g->ref.id) > 0, referenced);
    }
    if (!quiet.empty()) {
        std::sort(quiet.begin(), quiet.end(),
                  [](const ObjectGroup* a, const ObjectGroup* b) { return a->ref.name < b->ref.name; });
        o << "<h2 id=\"quiet\">Objects with nothing above "
             "info</h2>\n<table><tr><th>Object</th><th>Findings</th></tr>";
        for (const ObjectGroup* g : quiet) {
            o << "<tr><td>" << toString(g->ref.type) << " "
              << esc(g->ref.name.empty() ? g->ref.id : g->ref.name, 256) << " &middot; " << findingsPhrase(*g)
              << "</td><td>";
            // Every finding of the object, on its one line.
            bool first = true;
            for (const Finding* f : g->findings) {
                referenced.insert(f->ruleId);
                o << (first ? "" : "; ") << "<span class=\"finding\">"
                  << ruleLink(f->ruleId, print ? RuleRefs::LinkWithPage : RuleRefs::Link) << " " << esc(f->title, 256)
                  << "</span>";
                first = false;
            }
            o << "</td></tr>";
        }
        o << "</table>\n";
        if (data.detail == ReportDetail::Full) { // every finding's remediation, these ones too
            for (const ObjectGroup* g : quiet) {
                for (const Finding* f : g->findings) {
                    findingDetails(o, *f, print, data.cisVersion);
                }
            }
        }
    }
}

void fileFixesSection(std::ostringstream& o, const ReportData& data, bool print)
{
    if (data.fileDiffs.empty() || !data.includeRemediation) {
        return;
    }
    o << "<h2 id=\"fixes\">Fixes to the files</h2>\n<p class=\"meta\">What <code>drydock check --fix</code> "
         "writes (keeping a backup of each file); every other line of the files stays as it is.</p>\n";
    for (const auto& [file, diff] : data.fileDiffs) {
        o << "<h3>" << esc(file, 512) << "</h3>\n" << diffBlock(diff, print) << "\n";
    }
}

void rulesSection(std::ostringstream& o, const ReportData& data, const std::set<std::string>& referenced,
                  bool print)
{
    if (referenced.empty()) {
        return;
    }
    // A rule this catalogue does not know (a stored scan of an older rule set) says what its findings said.
    std::map<std::string, const Finding*> fromFindings;
    for (const auto& f : data.scan->findings.all()) {
        fromFindings.try_emplace(f.ruleId, &f);
    }
    if (data.delta) {
        for (const auto& f : data.delta->resolved) {
            fromFindings.try_emplace(f.ruleId, &f);
        }
    }
    o << "<h2 id=\"rules\">Rules referenced</h2>\n";
    for (const auto& id : referenced) {
        const Rule* rule = data.catalogue != nullptr ? data.catalogue->find(id) : nullptr;
        const auto it = fromFindings.find(id);
        const Finding* f = it == fromFindings.end() ? nullptr : it->second;
        if (rule == nullptr && f == nullptr) {
            continue;
        }
        const std::string& title = rule ? rule->info().title : f->title;
        const std::string& rationale = rule ? rule->info().rationale : f->rationale;
        const std::string& fix = rule ? rule->info().fix : f->fix;
        const CisReference cis = translateCis(rule ? rule->info().cis : f->cis, data.cisVersion);
        // One paragraph per rule: Qt puts a paragraph's worth of margin around every block, so lines, not
        // blocks.
        if (print) {
            o << "<p><b><a name=\"" << ruleAnchor(id) << "\">" << esc(id, 64) << "</a> &mdash; "
              << esc(title, 512) << "</b><br/>";
        } else {
            o << "<p id=\"" << ruleAnchor(id) << "\"><b>" << esc(id, 64) << " &mdash; " << esc(title, 512)
              << "</b><br/>";
        }
        o << (print ? "<small>" : "") << "<b>Why it matters:</b> " << esc(rationale)
          << "<br/><b>How to fix:</b> " << esc(fix);
        if (!cis.id.empty() || (rule != nullptr && !rule->info().practice.empty())) {
            o << "<br/><span class=\"meta\">";
            if (!cis.id.empty()) {
                o << "CIS Docker Benchmark " << esc(cis.version, 32) << " &sect;" << esc(cis.id, 32);
            }
            if (rule != nullptr && !rule->info().practice.empty()) {
                o << (cis.id.empty() ? "" : " &middot; ") << "Practice: " << esc(rule->info().practice);
            }
            o << "</span>";
        }
        o << (print ? "</small>" : "") << "</p>\n";
    }
}

} // namespace drydock::htmlreport
