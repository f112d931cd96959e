#pragma once
#include "core/findings/Finding.h"
#include "core/rules/Rule.h"
#include "core/rules/RuleFocus.h"

#include <map>
#include <optional>
#include <vector>

namespace drydock {

// What a rule reports for one object; the collector fills id, area, CIS and texts from the RuleInfo.
struct FindingDraft
{
    ObjectRef object;
    std::string evidence; // must already be masked where it shows a secret
    std::optional<Severity> severity; // when the rule grades (tiers); else the rule's default
    std::string discriminator;
    std::vector<RunEdit> edits;
    std::string dockerfile;
    std::string titleSuffix; // appended to the rule title, e.g. ": CAP_SYS_ADMIN"
};

// Receives findings from rules, keeps those about the focused object (when there is a focus) and applies the
// user's per-rule severity overrides.
class FindingCollector
{
public:
    explicit FindingCollector(const std::map<std::string, Severity>* overrides = nullptr,
                              std::optional<RuleFocus> focus = std::nullopt)
        : m_overrides(overrides), m_focus(std::move(focus))
    {
    }
    void add(const RuleInfo& rule, FindingDraft draft);
    const std::vector<Finding>& findings() const { return m_findings; }
    std::vector<Finding> take() { return std::move(m_findings); }

private:
    const std::map<std::string, Severity>* m_overrides;
    std::optional<RuleFocus> m_focus;
    std::vector<Finding> m_findings;
};

} // namespace drydock
