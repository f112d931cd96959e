#include "core/rules/RuleCatalogue.h"

#include "core/rules/container/ContainerRules.h"
#include "core/rules/contents/ContentRuleFactories.h"
#include "core/rules/daemon/DaemonRules.h"
#include "core/rules/image/ImageRules.h"
#include "core/rules/network/NetworkRules.h"
#include "core/rules/runtime/RuntimeRules.h"
#include "core/rules/secrets/SecretsRules.h"
#include "core/rules/swarm/SwarmRules.h"

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
    RuleCatalogue c;
    registerImageRules(c);
    registerContainerRules(c);
    registerRuntimeRules(c);
    registerNetworkRules(c);
    registerSecretsRules(c);
    registerDaemonRules(c);
    registerSwarmRules(c);
    registerContentRules(c);
    return c;
}

} // namespace drydock
