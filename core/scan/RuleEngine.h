#pragma once
#include "core/common/CancelToken.h"
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleFocus.h"
#include "core/rules/ScanSettings.h"

#include <functional>

namespace drydock {

class FindingCollector;
class RuleContext;

// Evaluates a catalogue over one snapshot, then attaches each container's remediated command to its findings.
class RuleEngine
{
public:
    explicit RuleEngine(const RuleCatalogue& catalogue) : m_catalogue(catalogue) {}
    FindingSet evaluate(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix) const;
    // Findings of some containers, final (remediation included), and how many of the snapshot's containers
    // are done after them; the last batch holds every other object's findings.
    using BatchCallback = std::function<void(const std::vector<Finding>& batch, int containersDone)>;
    // evaluate() in batches that are final as they are handed over: the containers in slices of growing size
    // (the first findings come early; a small first slice costs little), then everything else (images,
    // networks, daemon, swarm). The batches together, sorted, are exactly evaluate()'s set, which is
    // returned. A cancel stops between slices and returns what was evaluated.
    FindingSet evaluateInBatches(const Inventory& inventory, const ScanSettings& settings,
                                 std::int64_t nowUnix, const BatchCallback& onBatch,
                                 const CancelToken& cancel) const;
    // The findings of one object only (type and id as in its ObjectRef), exactly as a full evaluation of the
    // same snapshot would give them, remediation included; sorted like a FindingSet.
    std::vector<Finding> evaluateObject(const Inventory& inventory, const ScanSettings& settings,
                                        std::int64_t nowUnix, ObjectType type, const std::string& id) const;

private:
    // The findings of the objects in focus, sorted, with their remediation.
    std::vector<Finding> evaluateFocused(const Inventory& inventory, const ScanSettings& settings,
                                         std::int64_t nowUnix, const RuleFocus& focus) const;
    std::vector<Finding> run(const RuleContext& context, FindingCollector& collector) const;

    const RuleCatalogue& m_catalogue;
};

} // namespace drydock
