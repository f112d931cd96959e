#include "core/report/HtmlReportParts.h"

#include "core/report/HtmlEscape.h"
#include "core/report/HtmlReportWriter.h"

namespace drydock::htmlreport {

std::string esc(const std::string& s, std::size_t max)
{
    return htmlEscape(reportText(s, max));
}

std::string escCommand(const std::string& command)
{
    return htmlEscape(reportCommand(command));
}

std::string codeBlock(const std::string& text, bool print)
{
    const std::string escaped = escCommand(text);
    if (!print) {
        return "<pre>" + escaped + "</pre>";
    }
    // Qt has no cheap <pre> that wraps (white-space: pre-wrap is CSS, parsed per element — as slow over
    // 10,000 findings as a stylesheet), so lines become <br>s and indentation non-breaking spaces.
    std::string out =
        "<blockquote><font face=\"DejaVu Sans Mono\" color=\"#1f2937\" style=\"font-size: 7.5pt\">";
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

std::string ruleAnchor(const std::string& ruleId)
{
    return "rule-" + esc(ruleId, 64);
}

std::string ruleLink(const std::string& ruleId, RuleRefs refs)
{
    if (refs == RuleRefs::Plain) {
        return esc(ruleId, 64);
    }
    return "<a href=\"#" + ruleAnchor(ruleId) + "\">" + esc(ruleId, 64) +
           (refs == RuleRefs::LinkWithPage ? kPageRefHtml : "") + "</a>";
}

std::string rowOpen(std::size_t index, bool print, const char* cls)
{
    std::string out = "<tr";
    if (cls != nullptr) {
        out += std::string(" class=\"") + cls + "\"";
    }
    if (print && index % 2 == 1) {
        out += " bgcolor=\"#f3f4f6\"";
    }
    return out + ">";
}

std::string countsPhrase(const std::array<int, severityCount>& counts)
{
    std::string out;
    for (int s = severityCount - 1; s >= 0; --s) {
        const int n = counts[static_cast<std::size_t>(s)];
        if (n > 0) {
            out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + toString(static_cast<Severity>(s));
        }
    }
    return out.empty() ? "none" : out;
}

} // namespace drydock::htmlreport
