#include "core/model/SecurityOptSpelling.h"

#include "core/common/Strings.h"

namespace drydock {

SecurityOptSplit splitSecurityOpt(std::string_view text)
{
    std::size_t sep = text.find('=');
    if (sep == std::string_view::npos) {
        sep = text.find(':');
    }
    if (sep == std::string_view::npos) {
        return {text, {}, false};
    }
    return {text.substr(0, sep), text.substr(sep + 1), true};
}

std::string canonicalSecurityOpt(std::string_view text)
{
    const std::string trimmed = trim(text);
    const SecurityOptSplit split = splitSecurityOpt(trimmed);
    if (!split.hasSeparator) {
        return trimmed == "no-new-privileges" ? trimmed + "=true" : trimmed;
    }
    return std::string(split.key) + "=" + std::string(split.value);
}

std::string securityOptKey(std::string_view text)
{
    const std::string trimmed = trim(text);
    return std::string(splitSecurityOpt(trimmed).key);
}

} // namespace drydock
