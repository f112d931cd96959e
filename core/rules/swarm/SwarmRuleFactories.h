#pragma once
#include "core/rules/Rule.h"

#include <memory>

namespace drydock {

// Factories for the swarm rules (SWM-001 … SWM-008); each rule lives in its own file.
std::unique_ptr<Rule> makeUnusedSwarmRule();      // SWM-001
std::unique_ptr<Rule> makeManagerCountRule();     // SWM-002
std::unique_ptr<Rule> makeAutolockRule();         // SWM-003
std::unique_ptr<Rule> makeNodeCertExpiryRule();   // SWM-004
std::unique_ptr<Rule> makeRootCaAgeRule();        // SWM-005
std::unique_ptr<Rule> makeManagerWorkloadRule();  // SWM-006
std::unique_ptr<Rule> makeIngressPublishRule();   // SWM-007
std::unique_ptr<Rule> makeServiceHardeningRule(); // SWM-008

} // namespace drydock
