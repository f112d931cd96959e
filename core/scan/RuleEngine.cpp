#include "core/scan/RuleEngine.h"

#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/RuleContext.h"

#include <unordered_map>

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

    // Remediated commands: rebuild each affected container's command once, then apply each finding's edits.
    const RunCommandBuilder builder;
    const RunCommandHardener hardener;
    const ComposeSnippet compose;
    std::unordered_map<std::string, RunCommand> originals;
    for (auto& f : findings) {
        if (f.object.type != ObjectType::Container) {
            continue;
        }
        const Container* container = context.containerById(f.object.id);
        if (!container) {
            continue;
        }
        auto it = originals.find(container->id);
        if (it == originals.end()) {
            it = originals.emplace(container->id, builder.build(*container, context.imageOf(*container))).first;
        }
        const RunCommand hardened = hardener.apply(it->second, f.remediation.edits);
        f.remediation.runCommand = hardened.render();
        f.remediation.compose = compose.render(container->name, hardened);
    }
    return findings;
}

} // namespace drydock
