#include "core/rules/image/ImageRuleSupport.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>
#include <cctype>

namespace drydock {

namespace {

bool isSpace(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view unquoted(std::string_view word)
{
    while (!word.empty() && (word.front() == '"' || word.front() == '\'')) {
        word.remove_prefix(1);
    }
    while (!word.empty() && (word.back() == '"' || word.back() == '\'')) {
        word.remove_suffix(1);
    }
    return word;
}

// Names that announce a credential. Plain "key" is left out on purpose: it would hide keyring paths and GPG
// fingerprints (`--recv-keys`), which are public and help a reader.
bool soundsSecret(std::string_view name)
{
    const std::string lower = toLower(name);
    for (const char* stem : {"pass", "pwd", "secret", "token", "apikey", "api_key", "api-key", "access_key",
                             "access-key", "private_key", "private-key", "auth", "cred"}) {
        if (contains(lower, stem)) {
            return true;
        }
    }
    return false;
}

// Replaces the value after `name=` unless it is only a variable reference, which reveals nothing.
std::string maskAssignment(std::string_view word, std::size_t eq)
{
    const std::string_view value = unquoted(word.substr(eq + 1));
    if (value.empty() || value.front() == '$') {
        return std::string(word);
    }
    return std::string(word.substr(0, eq + 1)) + maskSecret(value);
}

bool isTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

struct TokenShape
{
    std::string_view prefix;
    std::size_t minTail; // characters after the prefix before it counts as a token
};

constexpr TokenShape kTokenShapes[] = {{"github_pat_", 20}, {"ghp_", 20},  {"gho_", 20},   {"ghu_", 20},
                                       {"ghs_", 20},        {"ghr_", 20},  {"glpat-", 16}, {"xoxa-", 10},
                                       {"xoxb-", 10},       {"xoxp-", 10}, {"xoxr-", 10},  {"sk_live_", 16},
                                       {"AKIA", 16},        {"ASIA", 16},  {"eyJ", 20}};

// Masks well-known token shapes wherever they sit inside a word.
std::string maskTokenShapes(std::string_view word)
{
    std::string out;
    std::size_t i = 0;
    while (i < word.size()) {
        bool masked = false;
        for (const auto& shape : kTokenShapes) {
            if (word.substr(i, shape.prefix.size()) != shape.prefix) {
                continue;
            }
            std::size_t end = i + shape.prefix.size();
            while (end < word.size() && isTokenChar(word[end])) {
                ++end;
            }
            if (end - i - shape.prefix.size() >= shape.minTail) {
                out += maskSecret(word.substr(i, end - i));
                i = end;
                masked = true;
                break;
            }
        }
        if (!masked) {
            out += word[i++];
        }
    }
    return out;
}

} // namespace

std::string maskCommandText(std::string_view input)
{
    const std::string text = maskUrlCredentials(input);
    std::string out;
    out.reserve(text.size());
    enum class Next
    {
        Keep,
        Mask,
        MaskAfterColon
    } next = Next::Keep;
    std::size_t i = 0;
    while (i < text.size()) {
        if (isSpace(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !isSpace(text[end])) {
            ++end;
        }
        const std::string_view word = std::string_view(text).substr(i, end - i);
        i = end;
        const std::string_view bare = unquoted(word);
        if (next == Next::Mask) {
            const std::string scheme = toLower(bare);
            if (scheme == "bearer" || scheme == "basic" || scheme == "token" || scheme == "digest") {
                // "Authorization: Bearer <token>": the scheme is harmless, the word after it is the secret.
                out += word;
                continue;
            }
            next = Next::Keep;
            out += (bare.empty() || bare.front() == '$') ? std::string(word) : maskSecret(bare);
            continue;
        }
        if (next == Next::MaskAfterColon) {
            next = Next::Keep;
            const std::size_t colon = bare.find(':');
            out += colon == std::string_view::npos
                       ? std::string(word)
                       : std::string(bare.substr(0, colon + 1)) + maskSecret(bare.substr(colon + 1));
            continue;
        }
        const std::size_t eq = word.find('=');
        if (eq != std::string_view::npos && eq > 0 && soundsSecret(word.substr(0, eq))) {
            out += maskAssignment(word, eq);
            continue;
        }
        std::string_view flag = bare;
        while (!flag.empty() && flag.front() == '-') {
            flag.remove_prefix(1);
        }
        if (bare == "-u" || bare == "--user" || bare == "--proxy-user") {
            next = Next::MaskAfterColon;
        } else if ((startsWith(bare, "--") || endsWith(bare, ":")) && soundsSecret(flag)) {
            next = Next::Mask;
        } else if (toLower(bare) == "bearer" || toLower(bare) == "basic") {
            next = Next::Mask;
        }
        out += maskTokenShapes(word);
    }
    return out;
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
