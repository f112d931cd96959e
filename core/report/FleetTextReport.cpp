#include "core/report/FleetTextReport.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <cstdio>

namespace drydock {

namespace {

std::string pad(std::string text, std::size_t width)
{
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

std::string seconds(std::int64_t ms)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buffer;
}

} // namespace

std::string FleetTextReport::render(const FleetSummary& s)
{
    std::string out = "Fleet scan of " + std::to_string(s.endpoints.size()) +
                      " endpoint(s): " + std::to_string(s.reachable) + " scanned, " +
                      std::to_string(s.unreachable) + " unreachable.\n\n";
    std::size_t nameWidth = 8;
    std::size_t addressWidth = 8;
    for (const auto& e : s.endpoints) {
        nameWidth = std::max(nameWidth, std::min<std::size_t>(terminalText(e.name, 60).size(), 60));
        addressWidth = std::max(addressWidth, std::min<std::size_t>(terminalText(e.address, 60).size(), 60));
    }
    out += pad("ENDPOINT", nameWidth + 2) + pad("ADDRESS", addressWidth + 2) +
           "SCORE  CRIT  HIGH   MED   LOW  INFO  SINCE LAST   TIME\n";
    for (const auto& e : s.endpoints) {
        out +=
            pad(terminalText(e.name, 60), nameWidth + 2) + pad(terminalText(e.address, 60), addressWidth + 2);
        if (!e.reachable) {
            out += "unreachable\n";
            continue;
        }
        char line[160];
        const auto n = [&e](Severity sev) { return e.open[static_cast<int>(sev)]; };
        const std::string since =
            e.baselineScanId ? "+" + std::to_string(e.newFindings) + " -" + std::to_string(e.resolvedFindings)
                             : std::string("first");
        std::snprintf(line, sizeof line, "%3d %s %5d %5d %5d %5d %5d  %-11s %s\n", e.posture.score,
                      e.posture.grade().c_str(), n(Severity::Critical), n(Severity::High),
                      n(Severity::Medium), n(Severity::Low), n(Severity::Info), since.c_str(),
                      seconds(e.durationMs).c_str());
        out += line;
    }
    if (s.unreachable > 0) {
        out += "\nUnreachable:\n";
        for (const auto& e : s.endpoints) {
            if (!e.reachable) {
                out += "  " + terminalText(e.name, 40) + ": " + terminalText(e.error, 600) + "\n";
            }
        }
    }
    out += "\nWorst open findings across the fleet:\n";
    if (s.worst.empty()) {
        out += "  none\n";
    }
    for (const auto& w : s.worst) {
        const Finding& f = w.finding;
        out += "  " + pad(toUpper(toString(f.severity)), 9) + pad(f.ruleId, 9) +
               pad(terminalText(w.endpoint, 60), nameWidth + 2) + toString(f.object.type) + " " +
               terminalText(f.object.name, 80) + " — " + terminalText(f.title, 120) + "\n";
    }
    return out;
}

} // namespace drydock
