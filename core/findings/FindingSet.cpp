#include "core/findings/FindingSet.h"

#include <algorithm>
#include <tuple>

namespace drydock {

FindingSet::FindingSet(std::vector<Finding> findings) : m_findings(std::move(findings)) {}

std::array<int, severityCount> FindingSet::countsBySeverity() const
{
    std::array<int, severityCount> counts{};
    for (const auto& f : m_findings) {
        if (!f.waiver) {
            ++counts[static_cast<int>(f.severity)];
        }
    }
    return counts;
}

std::map<Area, int> FindingSet::countsByArea() const
{
    std::map<Area, int> counts;
    for (const auto& f : m_findings) {
        if (!f.waiver) {
            ++counts[f.area];
        }
    }
    return counts;
}

int FindingSet::countAtOrAbove(Severity severity) const
{
    return static_cast<int>(std::count_if(m_findings.begin(), m_findings.end(),
                                          [severity](const Finding& f) { return !f.waiver && f.severity >= severity; }));
}

int FindingSet::waivedCount() const
{
    return static_cast<int>(
        std::count_if(m_findings.begin(), m_findings.end(), [](const Finding& f) { return f.waiver.has_value(); }));
}

std::vector<const Finding*> FindingSet::forObject(const std::string& objectId) const
{
    std::vector<const Finding*> out;
    for (const auto& f : m_findings) {
        if (f.object.id == objectId) {
            out.push_back(&f);
        }
    }
    return out;
}

void FindingSet::sort()
{
    // References, not copies, of the three strings: a scan of 2,000 containers sorts tens of thousands of
    // findings, and a stored scan read back from the history arrives already sorted.
    const auto before = [](const Finding& a, const Finding& b) {
        using Key = std::tuple<int, Area, const std::string&, const std::string&, const std::string&>;
        return Key(-static_cast<int>(a.severity), a.area, a.ruleId, a.object.name, a.discriminator) <
               Key(-static_cast<int>(b.severity), b.area, b.ruleId, b.object.name, b.discriminator);
    };
    if (!std::is_sorted(m_findings.begin(), m_findings.end(), before)) {
        std::stable_sort(m_findings.begin(), m_findings.end(), before);
    }
}

} // namespace drydock
