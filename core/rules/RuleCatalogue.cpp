#include "core/rules/RuleCatalogue.h"

#include "core/rules/RuleRegistry.h"

#include <algorithm>
#include <stdexcept>

namespace drydock {

void RuleCatalogue::add(std::unique_ptr<Rule> rule)
{
    if (find(rule->info().id)) {
        throw std::logic_error("duplicate rule id " + rule->info().id);
    }
    const auto pos = std::lower_bound(m_rules.begin(), m_rules.end(), rule->info().id,
                                      [](const std::unique_ptr<Rule>& r, const std::string& id) {
                                          return r->info().id < id;
                                      });
    m_rules.insert(pos, std::move(rule));
}

const Rule* RuleCatalogue::find(const std::string& id) const
{
    for (const auto& r : m_rules) {
        if (r->info().id == id) {
            return r.get();
        }
    }
    return nullptr;
}

RuleCatalogue RuleCatalogue::builtIn()
{
    // Every DRYDOCK_RULE in core/rules; add() keeps them ordered by id, whatever the registration order.
    RuleCatalogue c;
    for (const RuleRegistration& registration : ruleRegistrations()) {
        c.add(registration.make());
    }
    return c;
}

} // namespace drydock
