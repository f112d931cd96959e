#include "core/report/JsonWriter.h"

#include "core/common/Utf8.h"

#include <nlohmann/json.hpp>

namespace drydock {

JsonWriter& JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_levels.push_back({false, true});
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_levels.push_back({true, true});
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty) {
        newLine(m_levels.size());
    }
    m_out += '}';
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty) {
        newLine(m_levels.size());
    }
    m_out += ']';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name)
{
    Level& level = m_levels.back();
    if (!level.empty) {
        m_out += ',';
    }
    level.empty = false;
    newLine(m_levels.size());
    escaped(name);
    m_out += m_indent >= 0 ? ": " : ":";
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text)
{
    beforeValue();
    escaped(text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number)
{
    beforeValue();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::size_t number)
{
    beforeValue();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::serialised(std::string_view json)
{
    beforeValue();
    // A serialised value has raw line breaks only between its tokens (inside strings they are escaped), so
    // indenting every line after the first moves the whole value to this depth.
    const std::string prefix = m_indent > 0 ? std::string(m_levels.size() * static_cast<std::size_t>(m_indent), ' ') : "";
    for (char c : json) {
        m_out += c;
        if (c == '\n') {
            m_out += prefix;
        }
    }
    return *this;
}

JsonWriter& JsonWriter::stringArray(std::string_view name, const std::vector<std::string>& items)
{
    key(name).beginArray();
    for (const auto& item : items) {
        value(std::string_view(item));
    }
    return endArray();
}

std::string JsonWriter::take()
{
    m_levels.clear();
    m_afterKey = false;
    return std::move(m_out);
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.empty()) {
        return;
    }
    Level& level = m_levels.back();
    if (!level.empty) {
        m_out += ',';
    }
    level.empty = false;
    newLine(m_levels.size());
}

void JsonWriter::newLine(std::size_t depth)
{
    if (m_indent < 0) {
        return;
    }
    m_out += '\n';
    m_out.append(depth * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::escaped(std::string_view text)
{
    if (!isValidUtf8(text)) { // rare: let nlohmann replace exactly as its dump would
        m_out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static constexpr char hex[] = "0123456789abcdef";
    m_out += '"';
    std::size_t plain = 0; // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        m_out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\t': m_out += "\\t"; break;
        case '\n': m_out += "\\n"; break;
        case '\f': m_out += "\\f"; break;
        case '\r': m_out += "\\r"; break;
        default:
            m_out += "\\u00";
            m_out += hex[c >> 4];
            m_out += hex[c & 15];
        }
    }
    m_out.append(text.substr(plain));
    m_out += '"';
}

} // namespace drydock
