#include "core/common/Severity.h"

#include "core/common/Strings.h"

namespace drydock {

const char* toString(Severity severity)
{
    switch (severity) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
    }
    return "info";
}

std::optional<Severity> severityFromString(std::string_view text)
{
    const std::string lower = toLower(text);
    for (Severity s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
        if (lower == toString(s)) {
            return s;
        }
    }
    return std::nullopt;
}

} // namespace drydock
