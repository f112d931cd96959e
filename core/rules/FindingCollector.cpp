#include "core/rules/FindingCollector.h"

#include "core/remediation/RunCommandHardener.h"

namespace drydock {

void FindingCollector::add(const RuleInfo& rule, FindingDraft draft)
{
    if (!inRuleFocus(m_focus, draft.object.type, draft.object.id)) {
        return;
    }
    Finding f;
    f.ruleId = rule.id;
    f.area = rule.area;
    f.severity = draft.severity.value_or(rule.defaultSeverity);
    if (m_overrides) {
        const auto it = m_overrides->find(rule.id);
        if (it != m_overrides->end()) {
            f.severity = it->second;
        }
    }
    f.cis = rule.cis;
    f.object = std::move(draft.object);
    f.title = rule.title + draft.titleSuffix;
    f.evidence = std::move(draft.evidence);
    f.rationale = rule.rationale;
    f.fix = rule.fix;
    f.discriminator = std::move(draft.discriminator);
    f.remediation.edits = std::move(draft.edits);
    f.remediation.dockerfile = std::move(draft.dockerfile);
    renderEditFlags(f.remediation);
    m_findings.push_back(std::move(f));
}

} // namespace drydock
