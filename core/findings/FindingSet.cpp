#include "core/findings/FindingSet.h"

#include <algorithm>
#include <numeric>
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

namespace {

// The sort key: references into the finding, never string copies.
auto sortKey(const Finding& f)
{
    return std::tuple<int, Area, const std::string&, const std::string&, const std::string&>(
        -static_cast<int>(f.severity), f.area, f.ruleId, f.object.name, f.discriminator);
}

} // namespace

bool FindingSet::before(const Finding& a, const Finding& b)
{
    return sortKey(a) < sortKey(b);
}

void FindingSet::sort()
{
    // Sorts positions and moves each finding once: a Finding is large, and a merge sort of the findings
    // themselves would move every one of them log n times.
    if (std::is_sorted(m_findings.begin(), m_findings.end(), before)) { // sorted input costs one pass
        return;
    }
    std::vector<std::size_t> order(m_findings.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return before(m_findings[a], m_findings[b]); });
    std::vector<Finding> sorted;
    sorted.reserve(m_findings.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(m_findings[i]));
    }
    m_findings = std::move(sorted);
}

} // namespace drydock
