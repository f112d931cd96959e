#pragma once
#include <string>
#include <string_view>

namespace drydock {

// What people are told about a rule's fix beyond its texts: whether the hardening plan applies it by default,
// what it risks breaking, and what an attacker gains while the finding stays open. One table read by the
// hardening planner, the scan's one hardened command per object, the report and the dashboard.
struct RuleAdvice
{
    // False for changes that are usually deliberate (privileged mode, host namespaces, added capabilities,
    // published ports, the Docker socket, devices, host paths): a person decides with the reason in front of them.
    bool appliedByDefault = true;
    std::string risk;          // what the fix may break, one or two sentences
    std::string attackerGains; // one plain line; empty when the table has none (see attackerGainsLine)
};

// The advice for a rule id. An unknown id gets the default: applied, "nothing Drydock knows of breaks",
// and no attacker line.
const RuleAdvice& ruleAdvice(std::string_view ruleId);

// The one line of what an attacker gains from a finding of this rule: the table's line, or else the first
// sentence of the rule's rationale (rules whose rationale already says it plainly, mostly low and info ones,
// have no line of their own).
std::string attackerGainsLine(std::string_view ruleId, std::string_view rationale);

// The first sentence of a text written for people ("e.g." and "i.e." do not end one); the whole text when it
// has one sentence. Never cuts inside a sentence.
std::string firstSentence(std::string_view text);

} // namespace drydock
