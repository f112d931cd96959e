#pragma once
#include "core/findings/Finding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// An accepted risk: a rule on one object, on objects whose name matches a glob, or everywhere.
struct Waiver
{
    enum class Scope
    {
        Object,  // ruleId on the object named objectPattern exactly
        Pattern, // ruleId on objects whose name matches the glob objectPattern (* and ?)
        Rule     // ruleId on every object
    };

    std::int64_t id = 0;
    Scope scope = Scope::Object;
    std::string ruleId;
    std::string objectPattern;
    std::string reason; // required: why the risk is accepted
    std::string author;
    std::int64_t createdAtUnix = 0;
    std::optional<std::int64_t> expiresAtUnix; // after this moment the finding is open again
    std::string endpoint; // empty: every endpoint

    bool isActive(std::int64_t nowUnix) const { return !expiresAtUnix || *expiresAtUnix > nowUnix; }
    bool matches(const Finding& finding, const std::string& findingEndpoint, std::int64_t nowUnix) const;
};

const char* toString(Waiver::Scope scope); // "object", "pattern", "rule"
std::optional<Waiver::Scope> waiverScopeFromString(std::string_view text);
// Shell-style glob: '*' any run, '?' one character; everything else literal.
bool globMatch(std::string_view pattern, std::string_view text);
// Marks every finding an active waiver accepts (the first matching waiver wins).
void applyWaivers(std::vector<Finding>& findings, const std::vector<Waiver>& waivers, const std::string& endpoint,
                  std::int64_t nowUnix);

} // namespace drydock
