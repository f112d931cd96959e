#pragma once
#include "core/rules/Rule.h"

#include <memory>
#include <span>
#include <string_view>

// DRYDOCK_RULE(makeFooRule) { return std::make_unique<FooRule>(); } defines a rule's factory and registers
// it. At build time core/rules/GenerateRuleRegistry.cmake reads every core/rules/<area>/*.cpp for lines that
// start with DRYDOCK_RULE( and writes the table behind ruleRegistrations(), so adding a rule is one file
// (plus its test): no list to extend, and nothing for the linker to drop, unlike self-registering statics in
// a static library. Write it at the start of a line, in namespace drydock.
#define DRYDOCK_RULE(factory)                                                                                 \
    std::unique_ptr<Rule> factory();                                                                          \
    std::unique_ptr<Rule> factory()

namespace drydock {

class RuleCatalogue;

// One rule factory the build found (a DRYDOCK_RULE line) and the area folder under core/rules/ it lives in.
struct RuleRegistration
{
    std::string_view folder; // "container", "network", …
    std::string_view factoryName;
    std::unique_ptr<Rule> (*make)();
};

// Every registration, ordered by folder, file and line (generated; the catalogue orders rules by id anyway).
std::span<const RuleRegistration> ruleRegistrations();

// Adds the rules registered in one area folder ("network") to the catalogue.
void addRegisteredRules(RuleCatalogue& catalogue, std::string_view folder);

} // namespace drydock
