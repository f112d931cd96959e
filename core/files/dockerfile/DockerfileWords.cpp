#include "core/files/dockerfile/DockerfileWords.h"

#include <cstdint>

namespace drydock {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Reads the value of one `${…}` or `$NAME` reference at text[i] == '$'; returns the index after it.
std::size_t substituteOne(std::string_view text, std::size_t i,
                          const std::map<std::string, std::string>& values, char escape,
                          std::vector<std::string>* unset, bool keepUnset, std::string& out)
{
    const auto lookUp = [&](const std::string& name) -> const std::string* {
        const auto it = values.find(name);
        return it == values.end() ? nullptr : &it->second;
    };
    if (i + 1 < text.size() && text[i + 1] == '{') {
        // the matching brace: a default may hold a reference of its own (`${BASE:-${REGISTRY}/node:20}`)
        std::size_t close = std::string_view::npos;
        for (std::size_t k = i + 2, depth = 1; k < text.size(); ++k) {
            if (text[k] == '$' && k + 1 < text.size() && text[k + 1] == '{') {
                ++depth;
                ++k;
            } else if (text[k] == '}' && --depth == 0) {
                close = k;
                break;
            }
        }
        if (close == std::string_view::npos) {
            out += text.substr(i);
            return text.size();
        }
        const std::string_view inner = text.substr(i + 2, close - i - 2);
        std::size_t n = 0;
        while (n < inner.size() && isNameChar(inner[n])) {
            ++n;
        }
        const std::string name(inner.substr(0, n));
        const std::string* value = lookUp(name);
        std::string_view op = inner.substr(n);
        const bool colon = !op.empty() && op.front() == ':';
        if (colon) {
            op.remove_prefix(1);
        }
        const bool set = value && (!colon || !value->empty());
        if (!op.empty() && op.front() == '-') {
            out += set ? *value : substituteVariables(op.substr(1), values, escape, nullptr, keepUnset);
        } else if (!op.empty() && op.front() == '+') {
            out +=
                set ? substituteVariables(op.substr(1), values, escape, nullptr, keepUnset) : std::string();
        } else if (value) {
            out += *value;
        } else {
            if (unset) {
                unset->push_back(name);
            }
            if (keepUnset) {
                out += text.substr(i, close + 1 - i);
            }
        }
        return close + 1;
    }
    std::size_t end = i + 1;
    while (end < text.size() && isNameChar(text[end])) {
        ++end;
    }
    if (end == i + 1) {
        out += '$';
        return i + 1;
    }
    const std::string name(text.substr(i + 1, end - i - 1));
    if (const std::string* value = lookUp(name)) {
        out += *value;
    } else {
        if (unset) {
            unset->push_back(name);
        }
        if (keepUnset) {
            out += text.substr(i, end - i);
        }
    }
    return end;
}

void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t at)
{
    if (at + 4 > text.size()) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = text[i];
        value <<= 4;
        if (c >= '0' && c <= '9') {
            value |= static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            value |= static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            value |= static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return value;
}

} // namespace

std::string substituteVariables(std::string_view text, const std::map<std::string, std::string>& values,
                                char escape, std::vector<std::string>* unset, bool keepUnset)
{
    std::string out;
    out.reserve(text.size());
    bool singleQuoted = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == escape && i + 1 < text.size() && !singleQuoted) {
            out += c;
            out += text[i + 1];
            i += 2;
            continue;
        }
        if (c == '\'') {
            singleQuoted = !singleQuoted;
        }
        if (c == '$' && !singleQuoted) {
            i = substituteOne(text, i, values, escape, unset, keepUnset, out);
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

std::optional<std::vector<std::string>> parseJsonStringArray(std::string_view text)
{
    std::size_t i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
            ++i;
        }
    };
    skipSpace();
    if (i >= text.size() || text[i] != '[') {
        return std::nullopt;
    }
    ++i;
    std::vector<std::string> items;
    skipSpace();
    if (i < text.size() && text[i] == ']') {
        ++i;
        skipSpace();
        return i == text.size() ? std::optional(items) : std::nullopt;
    }
    while (true) {
        skipSpace();
        if (i >= text.size() || text[i] != '"') {
            return std::nullopt;
        }
        ++i;
        std::string item;
        bool closed = false;
        while (i < text.size()) {
            const char c = text[i++];
            if (c == '"') {
                closed = true;
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return std::nullopt;
            }
            if (c != '\\') {
                item += c;
                continue;
            }
            if (i >= text.size()) {
                return std::nullopt;
            }
            const char e = text[i++];
            switch (e) {
            case '"':
                item += '"';
                break;
            case '\\':
                item += '\\';
                break;
            case '/':
                item += '/';
                break;
            case 'b':
                item += '\b';
                break;
            case 'f':
                item += '\f';
                break;
            case 'n':
                item += '\n';
                break;
            case 'r':
                item += '\r';
                break;
            case 't':
                item += '\t';
                break;
            case 'u': {
                auto cp = hex4(text, i);
                if (!cp) {
                    return std::nullopt;
                }
                i += 4;
                if (*cp >= 0xD800 && *cp <= 0xDBFF) {
                    if (text.substr(i, 2) != "\\u") {
                        return std::nullopt;
                    }
                    const auto low = hex4(text, i + 2);
                    if (!low || *low < 0xDC00 || *low > 0xDFFF) {
                        return std::nullopt;
                    }
                    i += 6;
                    cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
                    return std::nullopt;
                }
                appendUtf8(item, *cp);
                break;
            }
            default:
                return std::nullopt;
            }
        }
        if (!closed) {
            return std::nullopt;
        }
        items.push_back(std::move(item));
        skipSpace();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (i < text.size() && text[i] == ']') {
            ++i;
            skipSpace();
            return i == text.size() ? std::optional(items) : std::nullopt;
        }
        return std::nullopt;
    }
}
} // namespace drydock
