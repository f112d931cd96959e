#include "core/json/detail/OutputMasking.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::json::detail {

namespace {

// Whole words that mark a secret-bearing name.
constexpr std::array<std::string_view, 17> kSecretTokens = {
    "password", "passwd",     "pwd",         "pass", "pword",   "psw",        "secret",     "token", "apikey",
    "key",      "credential", "credentials", "auth", "private", "privatekey", "passphrase", "cred"};
// Words so telling that they count inside a longer word too ("DBPASSWORD", "myApiKey" lower-cased).
constexpr std::array<std::string_view, 8> kSecretSubstrings = {
    "password", "passwd", "secret", "token", "apikey", "api_key", "credential", "privatekey"};

std::vector<std::string> nameTokens(std::string_view name)
{
    std::vector<std::string> tokens;
    std::string cur;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool separator = c == '_' || c == '-' || c == '.' || c == '/' || c == ' ' || c == ':';
        // camelCase boundary: "dbPassword" -> db, password.
        const bool boundary = i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
                              std::islower(static_cast<unsigned char>(name[i - 1]));
        if (separator || boundary) {
            if (!cur.empty()) {
                tokens.push_back(cur);
                cur.clear();
            }
            if (separator) {
                continue;
            }
        }
        cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (!cur.empty()) {
        tokens.push_back(cur);
    }
    return tokens;
}

bool hasAwsKeyId(std::string_view v)
{
    for (std::size_t pos = 0; pos + 20 <= v.size(); ++pos) {
        const std::string_view head = v.substr(pos, 4);
        if (head != "AKIA" && head != "ASIA") {
            continue;
        }
        const std::string_view rest = v.substr(pos + 4, 16);
        if (std::all_of(rest.begin(), rest.end(),
                        [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); })) {
            return true;
        }
    }
    return false;
}

bool hasUrlCredentials(std::string_view v)
{
    return contains(v, "://") && maskUrlCredentials(v) != v;
}

std::string maskValue(std::string_view value)
{
    return value.empty() ? std::string() : maskSecret(value);
}

// "username=bob,password=s3cret" (mount -o) -> each pair by its key; false when it is no such list.
bool maskPairList(std::string_view value, std::string& out)
{
    if (!contains(value, "=")) {
        return false;
    }
    const auto parts = split(value, ',');
    bool changed = false;
    std::vector<std::string> masked;
    for (const auto& part : parts) {
        const std::size_t eq = part.find('=');
        if (eq != std::string::npos && looksSecretName(part.substr(0, eq))) {
            masked.push_back(part.substr(0, eq + 1) + maskValue(std::string_view(part).substr(eq + 1)));
            changed = true;
        } else {
            masked.push_back(part);
        }
    }
    if (changed) {
        out = join(masked, ",");
    }
    return changed;
}

} // namespace

std::string maskEmbeddedAssignments(std::string_view text)
{
    std::string out;
    std::size_t pos = 0;
    for (const auto& a : embeddedAssignments(text)) {
        if (a.valueBegin < pos || !looksSecretName(a.name)) {
            continue;
        }
        out.append(text.substr(pos, a.valueBegin - pos));
        out.append(maskValue(text.substr(a.valueBegin, a.valueEnd - a.valueBegin)));
        pos = a.valueEnd;
    }
    out.append(text.substr(pos));
    return out;
}

bool looksSecretName(std::string_view name)
{
    const std::string lower = toLower(name);
    for (const auto s : kSecretSubstrings) {
        if (contains(lower, s)) {
            return true;
        }
    }
    for (const auto& t : nameTokens(name)) {
        if (std::find(kSecretTokens.begin(), kSecretTokens.end(), t) != kSecretTokens.end()) {
            return true;
        }
    }
    return false;
}

bool looksSecretValue(std::string_view v)
{
    if (contains(v, "-----BEGIN") || hasAwsKeyId(v) || hasUrlCredentials(v)) {
        return true;
    }
    // JWT: a base64url JSON header "eyJ…" followed by more dot-separated parts.
    if (const std::size_t jwt = v.find("eyJ");
        jwt != std::string_view::npos && v.find('.', jwt) != std::string_view::npos) {
        return true;
    }
    for (const std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
                                          "xoxa-", "xoxb-", "xoxp-", "xoxr-", "sk_live_", "sk-"}) {
        if (startsWith(v, prefix) && v.size() >= prefix.size() + 8) {
            return true;
        }
    }
    return false;
}

std::string maskNamedValue(std::string_view name, std::string_view value)
{
    if (looksSecretName(name)) {
        return maskValue(value);
    }
    // URL credentials: keep the readable URL, hide only the password.
    if (hasUrlCredentials(value)) {
        const std::string urlMasked = maskUrlCredentials(value);
        return looksSecretValue(urlMasked) ? maskValue(value) : urlMasked;
    }
    if (looksSecretValue(value)) {
        return maskValue(value);
    }
    std::string pairs;
    if (maskPairList(value, pairs)) {
        return pairs;
    }
    return maskEmbeddedAssignments(value);
}

std::string maskEnvEntry(std::string_view entry)
{
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
        return looksSecretValue(entry) ? maskValue(entry) : std::string(entry);
    }
    return std::string(entry.substr(0, eq + 1)) + maskNamedValue(entry.substr(0, eq), entry.substr(eq + 1));
}

StringList maskEnv(const StringList& env)
{
    StringList out;
    out.reserve(env.size());
    for (const auto& e : env) {
        out.push_back(maskEnvEntry(e));
    }
    return out;
}

StringMap maskMap(const StringMap& map)
{
    StringMap out;
    for (const auto& [k, v] : map) {
        out.emplace(k, maskNamedValue(k, v));
    }
    return out;
}

StringList maskArgs(const StringList& args)
{
    StringList out;
    out.reserve(args.size());
    bool nextIsSecret = false;
    for (const auto& arg : args) {
        if (nextIsSecret) {
            out.push_back(maskValue(arg));
            nextIsSecret = false;
            continue;
        }
        const bool isFlag = startsWith(arg, "-");
        const std::size_t eq = arg.find('=');
        if (eq != std::string::npos && eq > 0) {
            // --password=x, DB_PASSWORD=x: judged by the part before '='.
            std::string_view name = std::string_view(arg).substr(0, eq);
            while (!name.empty() && name.front() == '-') {
                name.remove_prefix(1);
            }
            out.push_back(arg.substr(0, eq + 1) + maskNamedValue(name, std::string_view(arg).substr(eq + 1)));
            continue;
        }
        if (isFlag && looksSecretName(arg)) {
            nextIsSecret = true; // "--token abc": the next word is the value
            out.push_back(arg);
            continue;
        }
        out.push_back(maskText(arg));
    }
    return out;
}

std::string maskText(std::string_view text)
{
    // Word by word, so "|1 BUILD_TOKEN=abc /bin/sh -c …" keeps everything but the value.
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t space = text.find_first_of(" \t\n", pos);
        const std::size_t end = space == std::string_view::npos ? text.size() : space;
        const std::string_view word = text.substr(pos, end - pos);
        const std::size_t eq = word.find('=');
        if (eq != std::string_view::npos && eq > 0) {
            std::string_view name = word.substr(0, eq);
            while (!name.empty() && name.front() == '-') {
                name.remove_prefix(1);
            }
            out.append(word.substr(0, eq + 1));
            out.append(maskNamedValue(name, word.substr(eq + 1)));
        } else if (looksSecretValue(word)) {
            out.append(hasUrlCredentials(word) ? maskUrlCredentials(word) : maskValue(word));
        } else {
            out.append(word);
        }
        if (end < text.size()) {
            out.push_back(text[end]);
        }
        pos = end + 1;
    }
    return out;
}

} // namespace drydock::json::detail
