#include "core/report/PrintMarkup.h"

#include <string_view>

namespace drydock {

namespace {

// One markup substitution that turns the screen HTML into the print HTML.
struct Replacement
{
    std::string_view from;
    std::string_view to;
};

constexpr Replacement kReplacements[] = {
    {"<table class=\"layout\"", "<table border=\"0\" cellspacing=\"0\" cellpadding=\"4\""},
    // No cell borders: Qt draws borders cell by cell (collapsed ones edge by edge), which took two thirds of a
    // 10,000-finding PDF's time once every object had its table of findings. Shaded headers and shaded
    // alternate rows (printRow in HtmlReportParts) separate what borders did.
    {"<table", "<table border=\"0\" cellspacing=\"0\" cellpadding=\"2\""},
    {"<th>", "<th bgcolor=\"#e5e7eb\">"},
    {"<th ", "<th bgcolor=\"#e5e7eb\" "},
    {"class=\"meta\"", "style=\"color: #4b5563\""},
    {"class=\"waived\"", "style=\"color: #6b7280\""},
    {"class=\"unreachable\"", "style=\"color: #9b1c1c; font-weight: bold\""},
    {"<h2", "<h2 style=\"color: #1d4e89\""},
};

} // namespace

std::string withPrintAttributes(std::string html)
{
    // One pass: a 10,000-finding report is 15 MB, and every pattern starts with '<' or 'c'. Longer patterns
    // that share a start with a shorter one come first ("<table class=\"layout\"" before "<table", "<table"
    // before
    // "<th").
    std::string out;
    out.reserve(html.size() + html.size() / 16);
    const std::string_view text(html);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        bool replaced = false;
        if (c == '<' || c == 'c') {
            for (const auto& r : kReplacements) {
                if (text.compare(i, r.from.size(), r.from) == 0) {
                    out += r.to;
                    i += r.from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace drydock
