#include "core/rules/runtime/RuntimeRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/runtime/RuntimeRuleFactories.h"

namespace drydock {

void registerRuntimeRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeSeccompUnconfinedRule());
    catalogue.add(makePermissiveSeccompRule());
    catalogue.add(makeAppArmorRule());
    catalogue.add(makeSelinuxLabelRule());
    catalogue.add(makeNoNewPrivilegesRule());
    catalogue.add(makeMemoryLimitRule());
    catalogue.add(makeUnlimitedSwapRule());
    catalogue.add(makeCpuLimitRule());
    catalogue.add(makePidsLimitRule());
    catalogue.add(makeOomProtectionRule());
    catalogue.add(makeRestartPolicyRule());
    catalogue.add(makeHealthCheckRule());
    catalogue.add(makeUlimitsRule());
    catalogue.add(makeFilesystemDriftRule());
    catalogue.add(makeLoggingRule());
    catalogue.add(makeNonDefaultRuntimeRule());
    catalogue.add(makeCrashLoopRule());
    catalogue.add(makeStaleContainerRule());
}

} // namespace drydock
