#pragma once
#include "core/common/Severity.h"
#include "core/model/Image.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/Rule.h"
#include "core/rules/image/HistoryLine.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Evidence is a short concrete sentence; longer text is cut on a UTF-8 boundary.
constexpr std::size_t kEvidenceBytes = 200;

// Hides credentials a command line may carry before it becomes evidence, as core/secrets decides
// (maskSecretsInText): URL passwords, secret NAME=value and --flag value, `-u user:pass`, `Bearer …`, tokens.
std::string maskCommandText(std::string_view text);
// Masked and cut to the evidence budget.
std::string evidenceText(std::string_view text);
// `["a", "b"]`, masked and cut, for lists such as Config.Cmd.
std::string listText(const StringList& items);
// The shared Dockerfile snippet when the remediation library provides one, else the rule's own text.
std::string snippetOr(std::string snippet, std::string_view fallback);

// A history line a rule objects to, the part of it that shows why, and how bad that is.
struct HistoryMatch
{
    const HistoryLine* line = nullptr;
    std::string part;
    Severity severity = Severity::Low;
    std::string note; // what exactly is wrong, put in front of the line, e.g. "--allow-unauthenticated"
};

// One finding per image for history-based rules: the most severe match (the oldest on a tie) is the evidence,
// and the number of further matching lines is appended so a person knows there is more to fix.
void reportHistoryMatches(const RuleInfo& rule, const Image& image, const std::vector<HistoryMatch>& matches,
                          std::string dockerfile, FindingCollector& out, std::string discriminator = {});

// Calls visit(line, segment, words) for every simple command of every RUN line, oldest first.
void forEachRunCommand(const std::vector<HistoryLine>& lines,
                       const std::function<void(const HistoryLine&, std::size_t segmentIndex,
                                                const std::vector<std::string>& words)>& visit);

} // namespace drydock
