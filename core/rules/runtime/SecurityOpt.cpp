#include "core/rules/runtime/SecurityOpt.h"

#include "core/common/Strings.h"
#include "core/model/SecurityOptSpelling.h"

namespace drydock {

SecurityOpt SecurityOpt::parse(std::string_view text)
{
    const SecurityOptSplit split = splitSecurityOpt(text);
    return {std::string(text), std::string(split.key), std::string(split.value)};
}

std::vector<SecurityOpt> securityOptsWithKey(const StringList& securityOpt, std::string_view key)
{
    std::vector<SecurityOpt> found;
    for (const auto& entry : securityOpt) {
        SecurityOpt opt = SecurityOpt::parse(entry);
        if (opt.key == key) {
            found.push_back(std::move(opt));
        }
    }
    return found;
}

std::optional<bool> parseGoBool(std::string_view text)
{
    if (text == "1" || text == "t" || text == "T" || text == "TRUE" || text == "true" || text == "True") {
        return true;
    }
    if (text == "0" || text == "f" || text == "F" || text == "FALSE" || text == "false" || text == "False") {
        return false;
    }
    return std::nullopt;
}

std::optional<std::string> seccompDefaultAction(std::string_view profileJson)
{
    constexpr std::string_view key = "\"defaultaction\"";
    const std::string lowered = toLower(profileJson);
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };

    std::size_t pos = 0;
    while ((pos = lowered.find(key, pos)) != std::string::npos) {
        std::size_t i = pos + key.size();
        // An escaped quote means the text sits inside some other string value, not a key.
        if (pos > 0 && profileJson[pos - 1] == '\\') {
            pos = i;
            continue;
        }
        while (i < profileJson.size() && isSpace(profileJson[i])) {
            ++i;
        }
        if (i >= profileJson.size() || profileJson[i] != ':') {
            pos = i;
            continue;
        }
        ++i;
        while (i < profileJson.size() && isSpace(profileJson[i])) {
            ++i;
        }
        if (i >= profileJson.size() || profileJson[i] != '"') {
            return std::nullopt;
        }
        const std::size_t start = i + 1;
        const std::size_t end = profileJson.find('"', start);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        return std::string(profileJson.substr(start, end - start));
    }
    return std::nullopt;
}

} // namespace drydock
