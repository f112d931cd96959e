// The appendix of the HTML and PDF report with every recommendation of the chosen CIS Docker Benchmark
// version and Drydock's verdict: a reviewer sees coverage, not only failures.
#include "core/report/HtmlReportParts.h"

namespace drydock::htmlreport {

namespace {

constexpr BenchmarkVerdict kVerdicts[] = {BenchmarkVerdict::Pass, BenchmarkVerdict::Fail,
                                          BenchmarkVerdict::NotApplicable, BenchmarkVerdict::NotChecked};

constexpr const char* kAsAbove = "as above";

const char* verdictColour(BenchmarkVerdict verdict)
{
    switch (verdict) {
    case BenchmarkVerdict::Pass:
        return "#15803d";
    case BenchmarkVerdict::Fail:
        return "#b91c1c";
    case BenchmarkVerdict::NotApplicable:
        return "#6b7280";
    case BenchmarkVerdict::NotChecked:
        return "#b45309";
    }
    return "#6b7280";
}

// "not applicable" for people; the JSON keeps the hyphenated word.
std::string verdictWord(BenchmarkVerdict verdict)
{
    std::string word = toString(verdict);
    for (char& c : word) {
        c = c == '-' ? ' ' : c;
    }
    return word;
}

} // namespace

void benchmarkSection(std::ostringstream& o, const BenchmarkCoverage& coverage, bool print)
{
    const CisBenchmark& benchmark = CisBenchmark::of(coverage.version);
    const std::string version = toString(coverage.version);
    o << "<h2 id=\"benchmark\">CIS Docker Benchmark " << version << ": every recommendation</h2>\n";
    o << "<p class=\"meta\" id=\"benchmark-counts\">" << coverage.items.size() << " recommendations:";
    const char* sep = " ";
    for (const BenchmarkVerdict v : kVerdicts) {
        o << sep << "<b><font color=\"" << verdictColour(v) << "\">" << coverage.count(v) << " "
          << verdictWord(v) << "</font></b>";
        sep = " &middot; ";
    }
    if (!print) { // on paper the title page's contents say what the appendix is; every line counts there
        o << ". Pass: every rule that checks it ran and found nothing; not checked: manual, or it needs "
             "access "
             "Drydock did not have (the reason says which)";
    }
    o << ".</p>\n";
    // Small print on paper: 118 rows are looked up, not read through.
    const auto cell = [print](const std::string& html, const char* attributes = "") {
        return std::string("<td") + attributes + ">" + (print ? "<small>" + html + "</small>" : html) +
               "</td>";
    };
    // On paper the verdict and its reason share a column, so titles and reasons rarely wrap: the appendix
    // stays a few pages.
    if (print) {
        o << "<table width=\"100%\" class=\"benchmark\"><tr><th width=\"5%\">CIS</th><th width=\"55%\">"
             "Recommendation</th><th width=\"40%\">Verdict: why</th></tr>";
    } else {
        o << "<table width=\"100%\" class=\"benchmark\"><tr><th width=\"7%\">CIS</th><th width=\"43%\">"
             "Recommendation</th><th width=\"11%\">Verdict</th><th width=\"39%\">Why</th></tr>";
    }
    std::string section;
    const std::string* previousReason = nullptr;
    std::size_t row = 0;
    for (const auto& i : coverage.items) {
        const CisSection* s = benchmark.sectionOf(i.item);
        const std::string heading = s == nullptr ? std::string() : s->id + " " + s->title;
        if (heading != section) {
            section = heading;
            o << "<tr class=\"section\"><th colspan=\"" << (print ? 3 : 4) << "\">"
              << (print ? "<small>" : "") << esc(heading) << (print ? "</small>" : "") << "</th></tr>";
            row = 0;
            previousReason = nullptr;
        }
        // On paper a reason repeated within a section (the host-only items of sections 1 and 3) is written
        // once: the appendix stays a few pages.
        const bool repeated = print && previousReason != nullptr && *previousReason == i.reason;
        previousReason = &i.reason;
        const std::string verdict = std::string("<font color=\"") + verdictColour(i.verdict) + "\">" +
                                    verdictWord(i.verdict) + "</font>";
        const std::string reason = repeated ? std::string(kAsAbove) : esc(i.reason, 512);
        o << rowOpen(row++, print, "item") << cell(esc(i.item.id, 32)) << cell(esc(i.item.title, 512))
          << (print ? cell(verdict + ": " + reason) : cell(verdict) + cell(reason)) << "</tr>";
    }
    o << "</table>\n";
}

} // namespace drydock::htmlreport
