#pragma once
#include "core/findings/Finding.h"

#include <array>
#include <map>
#include <vector>

namespace drydock {

// All findings of one scan with the summaries every front end needs.
class FindingSet
{
public:
    FindingSet() = default;
    explicit FindingSet(std::vector<Finding> findings);

    const std::vector<Finding>& all() const { return m_findings; }
    std::size_t size() const { return m_findings.size(); }
    bool empty() const { return m_findings.empty(); }

    // Summaries count open findings only; waived ones are counted apart (shown as waived, never hidden).
    std::array<int, severityCount> countsBySeverity() const; // index = static_cast<int>(Severity)
    std::map<Area, int> countsByArea() const;
    int countAtOrAbove(Severity severity) const;
    int waivedCount() const;
    std::vector<Finding>& mutableAll() { return m_findings; }
    std::vector<const Finding*> forObject(const std::string& objectId) const;
    // Sorted by severity (highest first), then area, rule id, object name, discriminator (stable).
    void sort();
    // The order sort() puts findings in: true when a comes before b.
    static bool before(const Finding& a, const Finding& b);

private:
    std::vector<Finding> m_findings;
};

} // namespace drydock
