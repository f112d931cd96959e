#pragma once
#include "core/rules/Rule.h"

#include <memory>
#include <string>
#include <vector>

namespace drydock {

// Every rule Drydock knows, in a stable order (by id). Built once in app/ and passed in.
class RuleCatalogue
{
public:
    // Version of the rule set, stored with every scan so history can tell results of different rule sets apart.
    static constexpr const char* version = "2026.11.1";

    void add(std::unique_ptr<Rule> rule);
    const std::vector<std::unique_ptr<Rule>>& rules() const { return m_rules; }
    const Rule* find(const std::string& id) const;
    std::size_t size() const { return m_rules.size(); }

    // The full built-in catalogue.
    static RuleCatalogue builtIn();

private:
    std::vector<std::unique_ptr<Rule>> m_rules;
};

} // namespace drydock
