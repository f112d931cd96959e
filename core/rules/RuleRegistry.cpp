#include "core/rules/RuleRegistry.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/container/ContainerRules.h"
#include "core/rules/contents/ContentRules.h"
#include "core/rules/daemon/DaemonRules.h"
#include "core/rules/host/HostRules.h"
#include "core/rules/image/ImageRules.h"
#include "core/rules/network/NetworkRules.h"
#include "core/rules/runtime/RuntimeRules.h"
#include "core/rules/secrets/SecretsRules.h"
#include "core/rules/swarm/SwarmRules.h"

namespace drydock {

void addRegisteredRules(RuleCatalogue& catalogue, std::string_view folder)
{
    for (const RuleRegistration& registration : ruleRegistrations()) {
        if (registration.folder == folder) {
            catalogue.add(registration.make());
        }
    }
}

// The area entry points: an area is the folder its rules live in (the content rules are image-area rules that
// need layer contents, so they keep a folder and an entry point of their own).
void registerContainerRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "container"); }
void registerContentRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "contents"); }
void registerDaemonRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "daemon"); }
void registerHostRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "host"); }
void registerImageRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "image"); }
void registerNetworkRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "network"); }
void registerRuntimeRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "runtime"); }
void registerSecretsRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "secrets"); }
void registerSwarmRules(RuleCatalogue& catalogue) { addRegisteredRules(catalogue, "swarm"); }

} // namespace drydock
