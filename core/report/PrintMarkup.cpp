#include "core/report/PrintMarkup.h"

namespace drydock {

namespace {

void replaceAll(std::string& text, const std::string& from, const std::string& to)
{
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    std::size_t start = 0;
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, start)) {
        out.append(text, start, at - start);
        out += to;
        start = at + from.size();
    }
    out.append(text, start, std::string::npos);
    text = std::move(out);
}

} // namespace

std::string withPrintAttributes(std::string html)
{
    replaceAll(html, "<table", "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                               "style=\"border-collapse: collapse; border-style: solid; border-color: #d1d5db\"");
    replaceAll(html, "<th>", "<th style=\"background-color: #f3f4f6\">");
    replaceAll(html, "<th ", "<th style=\"background-color: #f3f4f6\" ");
    replaceAll(html, "class=\"meta\"", "style=\"color: #4b5563\"");
    replaceAll(html, "class=\"waived\"", "style=\"color: #6b7280\"");
    replaceAll(html, "class=\"unreachable\"", "style=\"color: #9b1c1c; font-weight: bold\"");
    return html;
}

} // namespace drydock
