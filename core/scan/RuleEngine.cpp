#include "core/scan/RuleEngine.h"

#include "core/rules/FindingCollector.h"
#include "core/rules/RuleContext.h"
#include "core/scan/ObjectRemediation.h"

#include <algorithm>
#include <unordered_set>

namespace drydock {

FindingSet RuleEngine::evaluate(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix) const
{
    const RuleContext context(inventory, settings, nowUnix);
    FindingCollector collector(&settings.severityOverrides);
    FindingSet set(run(context, collector));
    set.sort();
    return set;
}

FindingSet RuleEngine::evaluateInBatches(const Inventory& inventory, const ScanSettings& settings,
                                         std::int64_t nowUnix, const BatchCallback& onBatch,
                                         const CancelToken& cancel) const
{
    // Rules that walk containers skip the ones outside the slice; the few that look at the whole snapshot
    // (daemon, cross-object) run again per slice and their other findings are dropped by the collector, so
    // slices grow fourfold (64, 256, 1,024, …): 2,000 containers take four passes and the rest, 10,000 six.
    constexpr std::size_t firstSlice = 64;
    std::vector<Finding> all;
    std::unordered_set<std::string> done;
    done.reserve(inventory.containers.size());
    const std::size_t total = inventory.containers.size();
    std::size_t next = 0;
    for (std::size_t size = firstSlice; next < total; size *= 4) {
        if (cancel.isCancelled()) {
            return FindingSet(std::move(all));
        }
        std::unordered_set<std::string> slice;
        const std::size_t end = std::min(total, next + size);
        for (; next < end; ++next) {
            slice.insert(inventory.containers[next].id);
            done.insert(inventory.containers[next].id);
        }
        RuleFocus focus;
        focus.containerIds = &slice;
        std::vector<Finding> batch = evaluateFocused(inventory, settings, nowUnix, focus);
        onBatch(batch, static_cast<int>(next));
        all.insert(all.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
    }
    if (cancel.isCancelled()) {
        return FindingSet(std::move(all));
    }
    RuleFocus rest;
    rest.containerIds = &done;
    rest.exceptContainers = true;
    std::vector<Finding> others = evaluateFocused(inventory, settings, nowUnix, rest);
    onBatch(others, static_cast<int>(total));
    all.insert(all.end(), std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()));
    FindingSet set(std::move(all));
    set.sort();
    return set;
}

std::vector<Finding> RuleEngine::evaluateObject(const Inventory& inventory, const ScanSettings& settings,
                                                std::int64_t nowUnix, ObjectType type, const std::string& id) const
{
    return evaluateFocused(inventory, settings, nowUnix, RuleFocus{type, id});
}

std::vector<Finding> RuleEngine::evaluateFocused(const Inventory& inventory, const ScanSettings& settings,
                                                 std::int64_t nowUnix, const RuleFocus& focus) const
{
    const RuleContext context(inventory, settings, nowUnix, focus);
    FindingCollector collector(&settings.severityOverrides, focus);
    FindingSet set(run(context, collector));
    set.sort();
    return std::move(set.mutableAll());
}

std::vector<Finding> RuleEngine::run(const RuleContext& context, FindingCollector& collector) const
{
    const ScanSettings& settings = context.settings();
    for (const auto& rule : m_catalogue.rules()) {
        const RuleInfo& info = rule->info();
        if (!settings.onlyAreas.empty() && !settings.onlyAreas.count(info.area)) {
            continue;
        }
        if (settings.disabledRules.count(info.id)) {
            continue;
        }
        rule->evaluate(context, collector);
    }
    std::vector<Finding> findings = collector.take();

    ObjectRemediation::render(findings, context.inventory());
    return findings;
}

} // namespace drydock
