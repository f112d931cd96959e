#pragma once
// The pieces HtmlReportWriter puts together, one file per part of the report (summary, objects, rules).
// Internal to core/report: other folders use HtmlReportWriter.
#include "core/report/FixPriorities.h"
#include "core/report/ReportData.h"

#include <set>
#include <sstream>
#include <string>

namespace drydock::htmlreport {

// Escaped untrusted text, cut to max bytes on a UTF-8 boundary.
std::string esc(const std::string& s, std::size_t max = 4096);
// A command for people to read and copy: whole, or left out with a reason (reportCommand), never cut.
std::string escCommand(const std::string& command);
// A block of code: <pre> in a browser; monospace lines that wrap for Qt's renderer.
std::string codeBlock(const std::string& text, bool print);
// How a rule id is written: plain (the report has no "Rules referenced"), a link to its entry, or in print a
// link followed by three figure spaces the PDF renderer paints the entry's page number over
// (ui/export/PdfExporter), so the layout never changes.
enum class RuleRefs
{
    Plain,
    Link,
    LinkWithPage
};
std::string ruleLink(const std::string& ruleId, RuleRefs refs);
// The anchor name of a rule's entry: "rule-CTR-002".
std::string ruleAnchor(const std::string& ruleId);
// Opens row `index` of a table: on paper every other row is shaded, as the print tables have no borders.
std::string rowOpen(std::size_t index, bool print, const char* cls = nullptr);
// "3 critical, 2 high" from counts by severity (index = Severity), highest first; "none" when all are zero.
std::string countsPhrase(const std::array<int, severityCount>& counts);

// Section 1: the one-page summary. Records the rules it links in referenced.
void summarySection(std::ostringstream& o, const ReportData& data, const FixPriorities& priorities,
                    bool print, RuleRefs refs, std::set<std::string>& referenced);
// What changed since the baseline, the highest first and capped (the summary gives the counts).
void changesSection(std::ostringstream& o, const ReportData& data, bool print,
                    std::set<std::string>& referenced);
// Section 2: one compact block per object with something above info, then one line per object without.
void objectsSection(std::ostringstream& o, const ReportData& data, bool print,
                    std::set<std::string>& referenced);
// Section 3: why and how to fix, once per rule referenced.
// Section "Fixes to the files" of a `drydock check` report: each file's fix as a coloured unified diff.
void fileFixesSection(std::ostringstream& o, const ReportData& data, bool print);
// A unified diff as a code block, added lines green and removed lines red.
std::string diffBlock(const std::string& diff, bool print);
void rulesSection(std::ostringstream& o, const ReportData& data, const std::set<std::string>& referenced,
                  bool print);
// The appendix "CIS Docker Benchmark V: every recommendation": the counts by verdict, then one compact table
// (id, title, verdict, reason) with a heading row per section.
void benchmarkSection(std::ostringstream& o, const BenchmarkCoverage& coverage, bool print);

} // namespace drydock::htmlreport
