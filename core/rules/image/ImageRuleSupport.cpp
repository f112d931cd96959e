#include "core/rules/image/ImageRuleSupport.h"

#include "core/common/Strings.h"
#include "core/rules/RuleSupport.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>

namespace drydock {

std::string maskCommandText(std::string_view input)
{
    return maskSecretsInText(input);
}

std::string evidenceText(std::string_view text)
{
    return truncateUtf8(maskCommandText(text), kEvidenceBytes);
}

std::string listText(const StringList& items)
{
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i ? ", \"" : "\"") + items[i] + "\"";
    }
    text += "]";
    return evidenceText(text);
}

std::string snippetOr(std::string snippet, std::string_view fallback)
{
    return snippet.empty() ? std::string(fallback) : snippet;
}

void reportHistoryMatches(const RuleInfo& rule, const Image& image, const std::vector<HistoryMatch>& matches,
                          std::string dockerfile, FindingCollector& out, std::string discriminator)
{
    if (matches.empty()) {
        return;
    }
    // Matches arrive oldest first, so max_element's first-of-equals rule keeps the oldest on a tie.
    const auto worst =
        std::max_element(matches.begin(), matches.end(), [](const HistoryMatch& a, const HistoryMatch& b) {
            return a.severity < b.severity;
        });
    std::string evidence = worst->line->describe(worst->part);
    if (!worst->note.empty()) {
        evidence = truncateUtf8(evidenceText(worst->note) + " in " + evidence, kEvidenceBytes);
    }
    if (matches.size() > 1) {
        const std::size_t others = matches.size() - 1;
        evidence = truncateUtf8(evidence, kEvidenceBytes - 24) + "; " + std::to_string(others) +
                   (others == 1 ? " more line" : " more lines");
    }
    FindingDraft draft;
    draft.object = refOf(image);
    draft.evidence = std::move(evidence);
    draft.severity = worst->severity;
    draft.dockerfile = std::move(dockerfile);
    draft.discriminator = std::move(discriminator);
    out.add(rule, std::move(draft));
}

void forEachRunCommand(
    const std::vector<HistoryLine>& lines,
    const std::function<void(const HistoryLine&, std::size_t, const std::vector<std::string>&)>& visit)
{
    for (const auto& line : lines) {
        if (!line.isRun()) {
            continue;
        }
        for (std::size_t s = 0; s < line.segments().size(); ++s) {
            visit(line, s, shellWords(line.segments()[s]));
        }
    }
}

} // namespace drydock
