#include "core/scan/RuleEngine.h"

#include "core/rules/FindingCollector.h"
#include "core/rules/RuleContext.h"
#include "core/scan/ObjectRemediation.h"

namespace drydock {

FindingSet RuleEngine::evaluate(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix) const
{
    const RuleContext context(inventory, settings, nowUnix);
    FindingCollector collector(&settings.severityOverrides);
    FindingSet set(run(context, collector));
    set.sort();
    return set;
}

std::vector<Finding> RuleEngine::evaluateObject(const Inventory& inventory, const ScanSettings& settings,
                                                std::int64_t nowUnix, ObjectType type, const std::string& id) const
{
    const RuleFocus focus{type, id};
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
