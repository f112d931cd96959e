#include "core/common/SecretMasker.h"

#include <algorithm>

namespace drydock {

std::string maskUrlCredentials(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t scheme = text.find("://", pos);
        if (scheme == std::string_view::npos) {
            break;
        }
        const std::size_t authStart = scheme + 3;
        // The authority ends at the first '/', whitespace or quote; credentials end at the last '@' in it.
        std::size_t authEnd = authStart;
        while (authEnd < text.size() && text[authEnd] != '/' && text[authEnd] != ' ' &&
               text[authEnd] != '\t' && text[authEnd] != '\n' && text[authEnd] != '"' &&
               text[authEnd] != '\'') {
            ++authEnd;
        }
        const std::string_view authority = text.substr(authStart, authEnd - authStart);
        const std::size_t at = authority.rfind('@');
        const std::size_t colon = at == std::string_view::npos ? std::string_view::npos : authority.find(':');
        out.append(text.substr(pos, authStart - pos));
        if (at != std::string_view::npos && colon != std::string_view::npos && colon < at) {
            out.append(authority.substr(0, colon + 1));
            out.append(at > colon + 1 ? "******" : "");
            out.append(authority.substr(at));
        } else {
            out.append(authority);
        }
        pos = authEnd;
    }
    out.append(text.substr(std::min(pos, text.size())));
    return out;
}

std::vector<EmbeddedAssignment> embeddedAssignments(std::string_view text)
{
    const auto isNameChar = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '.' || c == '-';
    };
    const auto endsValue = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == ',' ||
               c == ';' || c == '&' || c == '|' || c == '<' || c == '>';
    };
    std::vector<EmbeddedAssignment> found;
    // Linear even for a daemon's 50 MB of "=====": names stop at the previous '=', and the values of the '='
    // inside one value share its end, so no byte is scanned twice.
    std::size_t valueEnd = 0;
    for (std::size_t eq = text.find('='); eq != std::string_view::npos; eq = text.find('=', eq + 1)) {
        std::size_t nameBegin = eq;
        while (nameBegin > 0 && isNameChar(text[nameBegin - 1])) {
            --nameBegin;
        }
        if (valueEnd <= eq) {
            valueEnd = eq + 1;
            while (valueEnd < text.size() && !endsValue(text[valueEnd])) {
                ++valueEnd;
            }
        }
        if (nameBegin < eq && valueEnd > eq + 1) {
            found.push_back({text.substr(nameBegin, eq - nameBegin), eq + 1, valueEnd});
        }
    }
    return found;
}

} // namespace drydock
