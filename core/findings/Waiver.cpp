#include "core/findings/Waiver.h"

namespace drydock {

const char* toString(Waiver::Scope scope)
{
    switch (scope) {
    case Waiver::Scope::Object: return "object";
    case Waiver::Scope::Pattern: return "pattern";
    case Waiver::Scope::Rule: return "rule";
    }
    return "object";
}

std::optional<Waiver::Scope> waiverScopeFromString(std::string_view text)
{
    for (auto s : {Waiver::Scope::Object, Waiver::Scope::Pattern, Waiver::Scope::Rule}) {
        if (text == toString(s)) {
            return s;
        }
    }
    return std::nullopt;
}

bool globMatch(std::string_view pattern, std::string_view text)
{
    // Iterative matcher with one backtrack point: linear-ish, no recursion on hostile patterns.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

bool Waiver::matches(const Finding& f, const std::string& findingEndpoint, std::int64_t nowUnix) const
{
    if (!isActive(nowUnix) || (!endpoint.empty() && endpoint != findingEndpoint)) {
        return false;
    }
    if (ruleId != "*" && ruleId != f.ruleId) {
        return false;
    }
    switch (scope) {
    case Scope::Object: return f.object.name == objectPattern || (!f.object.id.empty() && f.object.id == objectPattern);
    case Scope::Pattern: return globMatch(objectPattern, f.object.name);
    case Scope::Rule: return true;
    }
    return false;
}

void applyWaivers(std::vector<Finding>& findings, const std::vector<Waiver>& waivers, const std::string& endpoint,
                  std::int64_t nowUnix)
{
    for (auto& f : findings) {
        f.waiver.reset();
        for (const auto& w : waivers) {
            if (w.matches(f, endpoint, nowUnix)) {
                f.waiver = WaiverMark{w.id, w.reason, w.author, w.expiresAtUnix};
                break;
            }
        }
    }
}

} // namespace drydock
