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

std::string diffBlock(const std::string& diff, bool print)
{
    // Whole or replaced by one comment (reportCommand): a diff is pasted into `patch`, like a command.
    const std::string text = reportCommand(diff, 262144);
    std::string out = print ? "<blockquote><font face=\"DejaVu Sans Mono\" style=\"font-size: 7.5pt\">" : "<pre>";
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end;
        const std::string line = text.substr(start, end - start);
        const char* colour = nullptr;
        if (!line.empty() && line[0] == '+' && line.rfind("+++", 0) != 0) {
            colour = "#166534";
        } else if (!line.empty() && line[0] == '-' && line.rfind("---", 0) != 0) {
            colour = "#b91c1c";
        } else if (line.rfind("@@", 0) == 0) {
            colour = "#6b7280";
        }
        std::string escaped = htmlEscape(line);
        if (print) {
            // The indentation after the diff's own first column (" ", "+", "-") keeps its width on paper.
            std::string spaced;
            bool lead = true;
            for (std::size_t i = 0; i < escaped.size(); ++i) {
                const char c = escaped[i];
                spaced += (c == ' ' && lead) ? std::string("&nbsp;") : std::string(1, c);
                lead = i == 0 || (lead && c == ' ');
            }
            escaped = spaced;
        }
        if (colour) {
            out += std::string("<font color=\"") + colour + "\">" + escaped + "</font>";
        } else {
            out += escaped;
        }
        out += print ? "<br>" : "\n";
        start = end + 1;
    }
    return out + (print ? "</font></blockquote>" : "</pre>");
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
