#include "core/report/SeverityColour.h"

namespace drydock {

const char* severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return "#9b1c1c";
    case Severity::High: return "#c2410c";
    case Severity::Medium: return "#a16207";
    case Severity::Low: return "#1d4ed8";
    case Severity::Info: return "#4b5563";
    }
    return "#4b5563";
}

} // namespace drydock
