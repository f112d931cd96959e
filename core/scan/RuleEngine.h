#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

namespace drydock {

class FindingCollector;
class RuleContext;

// Evaluates a catalogue over one snapshot, then attaches each container's remediated command to its findings.
class RuleEngine
{
public:
    explicit RuleEngine(const RuleCatalogue& catalogue) : m_catalogue(catalogue) {}
    FindingSet evaluate(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix) const;
    // The findings of one object only (type and id as in its ObjectRef), exactly as a full evaluation of the
    // same snapshot would give them, remediation included; sorted like a FindingSet.
    std::vector<Finding> evaluateObject(const Inventory& inventory, const ScanSettings& settings,
                                        std::int64_t nowUnix, ObjectType type, const std::string& id) const;

private:
    std::vector<Finding> run(const RuleContext& context, FindingCollector& collector) const;

    const RuleCatalogue& m_catalogue;
};

} // namespace drydock
