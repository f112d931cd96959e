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

std::string severityBadge(Severity severity, bool print)
{
    if (print) {
        return std::string("<b><font color=\"") + severityColour(severity) + "\">" + toString(severity) + "</font></b>";
    }
    return std::string("<span class=\"sev\" style=\"background:") + severityColour(severity) + "\">" +
           toString(severity) + "</span>";
}

} // namespace drydock
