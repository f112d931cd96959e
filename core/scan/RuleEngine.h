#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

namespace drydock {

// Evaluates a catalogue over one snapshot, then attaches remediated commands to container findings.
class RuleEngine
{
public:
    explicit RuleEngine(const RuleCatalogue& catalogue) : m_catalogue(catalogue) {}
    FindingSet evaluate(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix) const;

private:
    const RuleCatalogue& m_catalogue;
};

} // namespace drydock
