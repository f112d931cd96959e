#include "core/rules/container/ContainerRules.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/container/ContainerRuleFactories.h"

namespace drydock {

void registerContainerRules(RuleCatalogue& catalogue)
{
    catalogue.add(makeRootUserRule());
    catalogue.add(makePrivilegedRule());
    catalogue.add(makeDangerousCapabilityRule());
    catalogue.add(makeDefaultCapabilitiesRule());
    catalogue.add(makeHostPidRule());
    catalogue.add(makeHostIpcRule());
    catalogue.add(makeHostUtsRule());
    catalogue.add(makeUsernsOptOutRule());
    catalogue.add(makeHostCgroupnsRule());
    catalogue.add(makeSharedNamespaceRule());
    catalogue.add(makeHostDeviceRule());
    catalogue.add(makeSensitiveMountRule());
    catalogue.add(makeRuntimeSocketRule());
    catalogue.add(makeWritableBindRule());
    catalogue.add(makeMountPropagationRule());
    catalogue.add(makeWritableRootfsRule());
    catalogue.add(makeUnmaskedPathsRule());
    catalogue.add(makePrivilegedGroupRule());
    catalogue.add(makeSysctlRule());
    catalogue.add(makeCgroupParentRule());
    catalogue.add(makePrivilegedExecRule());
    catalogue.add(makeSshdRule());
    catalogue.add(makeOutdatedImageRule());
    catalogue.add(makeMutableImageRefRule());
    catalogue.add(makeShellToolsRule());
}

} // namespace drydock
