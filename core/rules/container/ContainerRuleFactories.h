#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the container rules (CTR-001 … CTR-025); each rule lives in its own file.
std::unique_ptr<Rule> makeRootUserRule();            // CTR-001
std::unique_ptr<Rule> makePrivilegedRule();          // CTR-002
std::unique_ptr<Rule> makeDangerousCapabilityRule(); // CTR-003
std::unique_ptr<Rule> makeDefaultCapabilitiesRule(); // CTR-004
std::unique_ptr<Rule> makeHostPidRule();             // CTR-005
std::unique_ptr<Rule> makeHostIpcRule();             // CTR-006
std::unique_ptr<Rule> makeHostUtsRule();             // CTR-007
std::unique_ptr<Rule> makeUsernsOptOutRule();        // CTR-008
std::unique_ptr<Rule> makeHostCgroupnsRule();        // CTR-009
std::unique_ptr<Rule> makeSharedNamespaceRule();     // CTR-010
std::unique_ptr<Rule> makeHostDeviceRule();          // CTR-011
std::unique_ptr<Rule> makeSensitiveMountRule();      // CTR-012
std::unique_ptr<Rule> makeRuntimeSocketRule();       // CTR-013
std::unique_ptr<Rule> makeWritableBindRule();        // CTR-014
std::unique_ptr<Rule> makeMountPropagationRule();    // CTR-015
std::unique_ptr<Rule> makeWritableRootfsRule();      // CTR-016
std::unique_ptr<Rule> makeUnmaskedPathsRule();       // CTR-017
std::unique_ptr<Rule> makePrivilegedGroupRule();     // CTR-018
std::unique_ptr<Rule> makeSysctlRule();              // CTR-019
std::unique_ptr<Rule> makeCgroupParentRule();        // CTR-020
std::unique_ptr<Rule> makePrivilegedExecRule();      // CTR-021
std::unique_ptr<Rule> makeSshdRule();                // CTR-022
std::unique_ptr<Rule> makeOutdatedImageRule();       // CTR-023
std::unique_ptr<Rule> makeMutableImageRefRule();     // CTR-024
std::unique_ptr<Rule> makeShellToolsRule();          // CTR-025

} // namespace drydock
