#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// One factory per runtime rule (RUN-001 … RUN-018); each rule lives in its own file.
std::unique_ptr<Rule> makeSeccompUnconfinedRule();      // RUN-001
std::unique_ptr<Rule> makePermissiveSeccompRule();      // RUN-002
std::unique_ptr<Rule> makeAppArmorRule();               // RUN-003
std::unique_ptr<Rule> makeSelinuxLabelRule();           // RUN-004
std::unique_ptr<Rule> makeNoNewPrivilegesRule();        // RUN-005
std::unique_ptr<Rule> makeMemoryLimitRule();            // RUN-006
std::unique_ptr<Rule> makeUnlimitedSwapRule();          // RUN-007
std::unique_ptr<Rule> makeCpuLimitRule();               // RUN-008
std::unique_ptr<Rule> makePidsLimitRule();              // RUN-009
std::unique_ptr<Rule> makeOomProtectionRule();          // RUN-010
std::unique_ptr<Rule> makeRestartPolicyRule();          // RUN-011
std::unique_ptr<Rule> makeHealthCheckRule();            // RUN-012
std::unique_ptr<Rule> makeUlimitsRule();                // RUN-013
std::unique_ptr<Rule> makeFilesystemDriftRule();        // RUN-014
std::unique_ptr<Rule> makeLoggingRule();                // RUN-015
std::unique_ptr<Rule> makeNonDefaultRuntimeRule();      // RUN-016
std::unique_ptr<Rule> makeCrashLoopRule();              // RUN-017
std::unique_ptr<Rule> makeStaleContainerRule();         // RUN-018

} // namespace drydock
