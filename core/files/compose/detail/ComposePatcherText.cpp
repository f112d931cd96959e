#include "core/files/compose/detail/ComposePatcherText.h"

#include <algorithm>

namespace drydock::composepatch {

TextLines TextLines::split(std::string_view text)
{
    TextLines t;
    std::size_t crlf = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            t.lines.emplace_back(text.substr(start));
            t.ends.emplace_back();
            break;
        }
        const bool cr = nl > start && text[nl - 1] == '\r';
        t.lines.emplace_back(text.substr(start, nl - start - (cr ? 1 : 0)));
        t.ends.emplace_back(cr ? "\r\n" : "\n");
        crlf += cr ? 1 : 0;
        start = nl + 1;
    }
    t.eol = crlf * 2 > t.lines.size() ? "\r\n" : "\n";
    return t;
}

std::string TextLines::text() const
{
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i] + ends[i];
    }
    return out;
}

std::string TextLines::lfText() const
{
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i] + (ends[i].empty() ? "" : "\n");
    }
    return out;
}

void TextLines::hideWhileParsing(std::size_t first, std::size_t last)
{
    m_hidden.push_back(first);
    m_hidden.push_back(last + 1);
}

YAML::Node TextLines::parsed() const
{
    std::string lf = lfText();
    if (!m_hidden.empty()) {
        std::size_t offset = 0;
        std::size_t next = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            bool hidden = false;
            for (std::size_t h = 0; h + 1 < m_hidden.size(); h += 2) {
                hidden = hidden || (i >= m_hidden[h] && i < m_hidden[h + 1]);
            }
            next = offset + lines[i].size() + (ends[i].empty() ? 0 : 1);
            if (hidden && !lines[i].empty()) {
                lf[offset] = '#';
                std::fill(lf.begin() + static_cast<std::ptrdiff_t>(offset) + 1,
                          lf.begin() + static_cast<std::ptrdiff_t>(offset + lines[i].size()), ' ');
            }
            offset = next;
        }
    }
    if (!m_parsedText.empty() && lf == m_parsedText) {
        return m_parsedRoot;
    }
    YAML::Node root = YAML::Load(lf);
    m_parsedText = std::move(lf);
    m_parsedRoot = root;
    return root;
}

void TextLines::insert(std::size_t at, const std::vector<std::string>& newLines)
{
    at = std::min(at, lines.size());
    // A last line without an ending gets one before anything follows it.
    if (at == lines.size() && !ends.empty() && ends.back().empty()) {
        ends.back() = eol;
    }
    for (auto& m : marks) {
        m += m >= at ? newLines.size() : 0;
    }
    for (std::size_t h = 0; h < m_hidden.size(); ++h) {
        // Lines inserted right after a hidden range are not part of it.
        const bool end = h % 2 == 1;
        m_hidden[h] += (end ? m_hidden[h] > at : m_hidden[h] >= at) ? newLines.size() : 0;
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), newLines.begin(), newLines.end());
    ends.insert(ends.begin() + static_cast<std::ptrdiff_t>(at), newLines.size(), eol);
}

void TextLines::erase(std::size_t from, std::size_t to)
{
    for (auto& m : marks) {
        m = m >= to ? m - (to - from) : m >= from ? from : m;
    }
    for (auto& m : m_hidden) {
        m = m >= to ? m - (to - from) : m >= from ? from : m;
    }
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(from),
                lines.begin() + static_cast<std::ptrdiff_t>(to));
    ends.erase(ends.begin() + static_cast<std::ptrdiff_t>(from),
               ends.begin() + static_cast<std::ptrdiff_t>(to));
}

std::size_t TextLines::lineStart(std::size_t pos) const
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t next = offset + lines[i].size() + 1;
        if (pos < next) {
            return i;
        }
        offset = next;
    }
    return lines.empty() ? 0 : lines.size() - 1;
}

Place placeOf(const TextLines& t, const YAML::Node& node)
{
    const YAML::Mark m = node.Mark();
    Place p;
    p.line = m.line < 0 ? 0 : static_cast<std::size_t>(m.line);
    // The column from the byte offset: yaml-cpp's own column counts characters, the text is edited in bytes.
    std::size_t offset = 0;
    for (std::size_t i = 0; i < p.line && i < t.lines.size(); ++i) {
        offset += t.lines[i].size() + 1;
    }
    p.column = m.pos >= 0 && static_cast<std::size_t>(m.pos) >= offset
                   ? static_cast<std::size_t>(m.pos) - offset
                   : static_cast<std::size_t>(m.column);
    return p;
}

bool isBlankOrComment(std::string_view line)
{
    const std::size_t i = line.find_first_not_of(" \t");
    return i == std::string_view::npos || line[i] == '#';
}

std::size_t indentOf(std::string_view line)
{
    const std::size_t i = line.find_first_not_of(' ');
    return i == std::string_view::npos ? line.size() : i;
}

std::size_t blockEnd(const TextLines& t, std::size_t first, std::size_t column)
{
    std::size_t last = first;
    for (std::size_t i = first + 1; i < t.lines.size(); ++i) {
        if (isBlankOrComment(t.lines[i])) {
            continue;
        }
        if (indentOf(t.lines[i]) <= column || t.lines[i].rfind("---", 0) == 0 ||
            t.lines[i].rfind("...", 0) == 0) {
            break;
        }
        last = i;
    }
    return last;
}

Extent entryExtent(const TextLines& t, const std::vector<std::size_t>& starts, std::size_t i,
                   std::size_t last)
{
    Extent e{starts[i], i + 1 < starts.size() ? starts[i + 1] - 1 : last};
    while (e.last > e.first && isBlankOrComment(t.lines[e.last])) {
        --e.last;
    }
    return e;
}

std::optional<std::pair<YAML::Node, YAML::Node>> findEntry(const YAML::Node& map, std::string_view key)
{
    if (!map.IsMap()) {
        return std::nullopt;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
            return std::make_pair(it->first, it->second);
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> scalarEnd(const std::string& line, std::size_t column, bool inFlow)
{
    if (column >= line.size()) {
        return std::nullopt;
    }
    const char q = line[column];
    if (q == '"' || q == '\'') {
        for (std::size_t i = column + 1; i < line.size(); ++i) {
            if (q == '"' && line[i] == '\\') {
                ++i;
            } else if (line[i] == q) {
                if (q == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        return std::nullopt; // the quoted scalar goes on to the next line
    }
    if (q == '|' || q == '>') {
        return std::nullopt; // a block scalar
    }
    std::size_t end = line.size();
    for (std::size_t i = column; i < line.size(); ++i) {
        if (line[i] == '#' && i > column && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
            end = i;
            break;
        }
        if (inFlow && (line[i] == ',' || line[i] == ']' || line[i] == '}')) {
            end = i;
            break;
        }
    }
    while (end > column && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        --end;
    }
    return end;
}

std::optional<FlowItems> flowItems(std::string_view lf, std::size_t open)
{
    if (open >= lf.size() || lf[open] != '[') {
        return std::nullopt;
    }
    FlowItems out;
    int depth = 0;
    std::size_t itemStart = std::string_view::npos;
    std::size_t itemEnd = 0;
    const auto closeItem = [&] {
        if (itemStart != std::string_view::npos) {
            out.items.emplace_back(itemStart, itemEnd);
        }
        itemStart = std::string_view::npos;
    };
    for (std::size_t i = open + 1; i < lf.size(); ++i) {
        const char c = lf[i];
        if (c == '#' && (lf[i - 1] == ' ' || lf[i - 1] == '\n')) {
            const std::size_t nl = lf.find('\n', i);
            i = nl == std::string_view::npos ? lf.size() : nl;
            continue;
        }
        if (c == '"' || c == '\'') {
            std::size_t j = i + 1;
            for (; j < lf.size(); ++j) {
                if (c == '"' && lf[j] == '\\') {
                    ++j;
                } else if (lf[j] == c) {
                    if (c == '\'' && j + 1 < lf.size() && lf[j + 1] == '\'') {
                        ++j;
                        continue;
                    }
                    break;
                }
            }
            if (j >= lf.size()) {
                return std::nullopt;
            }
            if (depth == 0 && itemStart == std::string_view::npos) {
                itemStart = i;
            }
            itemEnd = j + 1;
            i = j;
            continue;
        }
        if (c == '[' || c == '{') {
            if (depth == 0 && itemStart == std::string_view::npos) {
                itemStart = i;
            }
            ++depth;
            continue;
        }
        if ((c == ']' || c == '}') && depth > 0) {
            --depth;
            itemEnd = i + 1;
            continue;
        }
        if (depth > 0) {
            continue;
        }
        if (c == ']') {
            closeItem();
            out.close = i;
            return out;
        }
        if (c == ',') {
            closeItem();
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            if (itemStart == std::string_view::npos) {
                itemStart = i;
            }
            itemEnd = i + 1;
        }
    }
    return std::nullopt;
}

std::optional<ServiceView> locateService(const TextLines& t, const YAML::Node& root, std::string_view name,
                                         std::string* why)
{
    const auto services = findEntry(root, "services");
    if (!services || !services->second.IsMap()) {
        *why = "the file has no services: mapping";
        return std::nullopt;
    }
    if (services->second.Style() == YAML::EmitterStyle::Flow) {
        *why = "services: is written in flow style ({…}); only block style is edited";
        return std::nullopt;
    }
    const auto service = findEntry(services->second, name);
    if (!service) {
        *why = "the file has no service of that name";
        return std::nullopt;
    }
    ServiceView v;
    v.root = root;
    v.key = service->first;
    v.value = service->second;
    v.keyPlace = placeOf(t, v.key);
    if (!v.value.IsMap()) {
        *why = "the service is not a mapping";
        return std::nullopt;
    }
    const Place valuePlace = placeOf(t, v.value);
    if (valuePlace.line < v.keyPlace.line) {
        *why = "the service is an alias of the anchor at line " + std::to_string(valuePlace.line + 1) +
               "; edit the anchored mapping or write the service out";
        return std::nullopt;
    }
    if (v.value.Style() == YAML::EmitterStyle::Flow) {
        *why = "the service is written in flow style ({…}); only block style is edited";
        return std::nullopt;
    }
    v.childColumn = valuePlace.column;
    if (valuePlace.line == v.keyPlace.line || v.childColumn <= v.keyPlace.column) {
        *why = "the service's keys are not laid out as a block below its name";
        return std::nullopt;
    }
    v.indentUnit = v.childColumn - v.keyPlace.column;
    v.extent = {v.keyPlace.line, blockEnd(t, v.keyPlace.line, v.keyPlace.column)};
    return v;
}

} // namespace drydock::composepatch
