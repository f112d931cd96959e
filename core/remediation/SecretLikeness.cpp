#include "core/remediation/SecretLikeness.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/rules/secrets/SecretDetector.h"

#include <algorithm>
#include <array>
#include <vector>

namespace drydock {

namespace {

struct Span
{
    std::size_t begin;
    std::size_t end;
};

bool isUpperAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool isAlnum(char c)
{
    return isUpperAlnum(c) || (c >= 'a' && c <= 'z');
}
bool isTokenChar(char c)
{
    return isAlnum(c) || c == '_' || c == '-';
}

std::size_t runLength(std::string_view text, std::size_t from, bool (*pred)(char))
{
    std::size_t end = from;
    while (end < text.size() && pred(text[end])) {
        ++end;
    }
    return end - from;
}

// "scheme://user:password@host": the password part only, so the reader still sees where it connects.
void findUrlCredentials(std::string_view text, std::vector<Span>& spans)
{
    std::size_t pos = 0;
    while ((pos = text.find("://", pos)) != std::string_view::npos) {
        const std::size_t authStart = pos + 3;
        std::size_t authEnd = authStart;
        while (authEnd < text.size() && text[authEnd] != '/' && text[authEnd] != ' ' &&
               text[authEnd] != '\t' && text[authEnd] != '\n' && text[authEnd] != '"' &&
               text[authEnd] != '\'') {
            ++authEnd;
        }
        const std::string_view authority = text.substr(authStart, authEnd - authStart);
        const std::size_t at = authority.rfind('@');
        if (at != std::string_view::npos) {
            const std::size_t colon = authority.find(':');
            if (colon != std::string_view::npos && colon < at && colon + 1 < at) {
                spans.push_back({authStart + colon + 1, authStart + at});
            }
        }
        pos = authEnd;
    }
}

void findPrivateKeys(std::string_view text, std::vector<Span>& spans)
{
    std::size_t pos = 0;
    while ((pos = text.find("-----BEGIN ", pos)) != std::string_view::npos) {
        const std::size_t headerEnd = text.find("-----", pos + 11);
        if (headerEnd == std::string_view::npos) {
            break;
        }
        const std::string_view header = text.substr(pos + 11, headerEnd - pos - 11);
        if (!endsWith(header, "PRIVATE KEY")) {
            pos = headerEnd + 5;
            continue;
        }
        // Up to the END line when there is one, else everything that follows.
        std::size_t end = text.size();
        const std::size_t endLine = text.find("-----END ", headerEnd + 5);
        if (endLine != std::string_view::npos) {
            const std::size_t endClose = text.find("-----", endLine + 9);
            end = endClose == std::string_view::npos ? text.size() : endClose + 5;
        }
        spans.push_back({pos, end});
        pos = end;
    }
}

void findTokens(std::string_view text, std::vector<Span>& spans)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view rest = text.substr(i);
        // AWS access key ids: AKIA (long-term) or ASIA (session) and 16 upper-case alphanumerics.
        if ((startsWith(rest, "AKIA") || startsWith(rest, "ASIA")) &&
            runLength(text, i + 4, isUpperAlnum) >= 16) {
            spans.push_back({i, i + 20});
            i += 19;
            continue;
        }
        // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_ and 36 alphanumerics.
        if (rest.size() > 4 && rest[0] == 'g' && rest[1] == 'h' &&
            contains("pousr", std::string_view(&rest[2], 1)) && rest[3] == '_' &&
            runLength(text, i + 4, isAlnum) >= 36) {
            const std::size_t len = 4 + runLength(text, i + 4, isAlnum);
            spans.push_back({i, i + len});
            i += len - 1;
            continue;
        }
        struct Prefixed
        {
            std::string_view prefix;
            bool (*body)(char);
        };
        static const std::array<Prefixed, 6> prefixed{{{"glpat-", isTokenChar},
                                                       {"xoxa-", isTokenChar},
                                                       {"xoxb-", isTokenChar},
                                                       {"xoxp-", isTokenChar},
                                                       {"xoxr-", isTokenChar},
                                                       {"sk_live_", isAlnum}}};
        bool matched = false;
        for (const auto& p : prefixed) {
            if (startsWith(rest, p.prefix)) {
                const std::size_t body = runLength(text, i + p.prefix.size(), p.body);
                if (body >= 8) {
                    spans.push_back({i, i + p.prefix.size() + body});
                    i += p.prefix.size() + body - 1;
                    matched = true;
                }
                break;
            }
        }
        if (matched) {
            continue;
        }
        // JWT: base64url header and payload that both start with '{"' (eyJ), then the signature.
        if (startsWith(rest, "eyJ")) {
            const std::size_t header = runLength(text, i, isTokenChar);
            const std::size_t payloadAt = i + header + 1;
            if (i + header < text.size() && text[i + header] == '.' &&
                startsWith(text.substr(payloadAt), "eyJ")) {
                const std::size_t payload = runLength(text, payloadAt, isTokenChar);
                const std::size_t sigAt = payloadAt + payload + 1;
                if (payloadAt + payload < text.size() && text[payloadAt + payload] == '.') {
                    const std::size_t end = sigAt + runLength(text, sigAt, isTokenChar);
                    spans.push_back({i, end});
                    i = end - 1;
                }
            }
        }
    }
}

bool isHarmlessValue(std::string_view value);

// "…>_TOKEN=s3cret" inside a value: the part after a secret-looking NAME=.
void findEmbeddedAssignments(std::string_view text, std::vector<Span>& spans)
{
    for (const auto& a : embeddedAssignments(text)) {
        if (SecretLikeness::isSecretName(a.name) &&
            !isHarmlessValue(text.substr(a.valueBegin, a.valueEnd - a.valueBegin))) {
            spans.push_back({a.valueBegin, a.valueEnd});
        }
    }
}

std::vector<Span> findSecretSpans(std::string_view text)
{
    std::vector<Span> spans;
    findUrlCredentials(text, spans);
    findEmbeddedAssignments(text, spans);
    findPrivateKeys(text, spans);
    findTokens(text, spans);
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::vector<Span> merged;
    for (const auto& s : spans) {
        if (!merged.empty() && s.begin <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, s.end);
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

StringList nameTokens(std::string_view name)
{
    StringList tokens;
    std::string current;
    for (const char c : name) {
        if (c == '_' || c == '-' || c == '.') {
            if (!current.empty()) {
                tokens.push_back(std::move(current));
                current.clear();
            }
        } else {
            current += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    if (!current.empty()) {
        tokens.push_back(std::move(current));
    }
    return tokens;
}

// Values that carry no secret even under a secret-looking name (REQUIRE_AUTH=true); redacting them would
// only make the command harder to reuse.
bool isHarmlessValue(std::string_view value)
{
    static const std::array<std::string_view, 12> words{"true", "false", "yes", "no", "on", "off",
                                                        "none", "null",  "0",   "1",  "",   "enabled"};
    const std::string lower = toLower(value);
    return std::find(words.begin(), words.end(), lower) != words.end() || lower == "disabled";
}

bool isIdentifier(std::string_view text)
{
    if (text.empty() || (text[0] >= '0' && text[0] <= '9')) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) { return isAlnum(c) || c == '_'; });
}

std::string programName(const StringList& args)
{
    if (args.empty()) {
        return {};
    }
    const std::size_t slash = args.front().rfind('/');
    return toLower(slash == std::string::npos ? args.front() : args.front().substr(slash + 1));
}

} // namespace

bool SecretLikeness::isSecretName(std::string_view name)
{
    const std::string upper = toUpper(name);
    if (upper == "GPG_KEY" || upper == "GPG_KEYS") {
        return false; // release-signing key fingerprints in official images, public by design
    }
    // Exact names from trivy DS031 that the token rule alone would miss.
    static const std::array<std::string_view, 1> exact{"AZURE_CLIENT_ID"};
    for (const auto& e : exact) {
        if (upper == e || upper == "VITE_" + std::string(e) || upper == "REACT_APP_" + std::string(e)) {
            return true;
        }
    }
    const StringList tokens = nameTokens(name);
    static const std::array<std::string_view, 5> exempt{"public", "file", "path", "dir", "url"};
    static const std::array<std::string_view, 16> secret{
        "password", "passwd",     "pwd",         "pass", "pword", "psw",        "secret",    "token",
        "apikey",   "credential", "credentials", "auth", "key",   "privatekey", "accesskey", "secretkey"};
    bool found = false;
    for (const auto& t : tokens) {
        if (std::find(exempt.begin(), exempt.end(), t) != exempt.end()) {
            return false;
        }
        if (std::find(secret.begin(), secret.end(), t) != secret.end()) {
            found = true;
        }
        // Run-together words (DBPASSWORD, ACCESSTOKEN); "token" only as a suffix so TOKENIZERS stays clear.
        if (contains(t, "password") || contains(t, "passwd") || contains(t, "secret") ||
            contains(t, "apikey") || contains(t, "credential") || (t.size() > 5 && endsWith(t, "token"))) {
            found = true;
        }
    }
    return found;
}

bool SecretLikeness::hasSecretValue(std::string_view text)
{
    return !findSecretSpans(text).empty();
}

std::string SecretLikeness::redactValues(std::string_view text)
{
    std::vector<Span> spans = findSecretSpans(text);
    // The rules' full detector sees more (mysql -p, curl -u, --password=, high-entropy values): anything it
    // finds is hidden too, so a command never shows a secret a rule reported.
    static const SecretDetector detector;
    for (const auto& m : detector.inspectText(text)) {
        if (m.kind == "url-credentials") {
            continue; // findSecretSpans already hides just the password and keeps user and host readable
        }
        std::size_t begin = m.offset;
        const std::size_t end = std::min(text.size(), m.offset + m.length);
        // Keep a leading flag or NAME= so the command still reads; hide what follows it.
        if (!m.name.empty() && text.substr(begin, m.name.size()) == m.name) {
            begin += m.name.size();
            while (begin < end && (text[begin] == '=' || text[begin] == ' ' || text[begin] == ':')) {
                ++begin;
            }
        }
        if (begin < end) {
            spans.push_back({begin, end});
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t pos = 0;
    for (const auto& s : spans) {
        if (s.end <= pos) {
            continue; // inside a span already hidden
        }
        if (s.begin > pos) {
            out.append(text.substr(pos, s.begin - pos));
        }
        out.append(kRedactedPlaceholder);
        pos = s.end;
    }
    out.append(text.substr(std::min(pos, text.size())));
    return out;
}

std::string SecretLikeness::redactAssignment(std::string_view entry)
{
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
        return std::string(entry); // "NAME" alone passes the caller's variable through: no value here
    }
    return std::string(entry.substr(0, eq + 1)) + redactValueOf(entry.substr(0, eq), entry.substr(eq + 1));
}

std::string SecretLikeness::redactValueOf(std::string_view key, std::string_view value)
{
    static const SecretDetector detector;
    if ((isSecretName(key) && !isHarmlessValue(value)) || detector.inspectVariable(key, value)) {
        return std::string(kRedactedPlaceholder);
    }
    return redactValues(value);
}

StringList SecretLikeness::redactArgs(const StringList& args)
{
    StringList out;
    out.reserve(args.size());
    const std::string program = programName(args);
    const bool mysqlLike = startsWith(program, "mysql") || startsWith(program, "mariadb");
    bool nextIsSecret = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (nextIsSecret) {
            nextIsSecret = false;
            if (!startsWith(a, "-")) {
                out.emplace_back(kRedactedPlaceholder);
                continue;
            }
        }
        const std::size_t nameStart = a.find_first_not_of('-');
        if (i > 0 && startsWith(a, "-") && nameStart != std::string::npos) {
            const std::size_t eq = a.find('=');
            const std::string name =
                a.substr(nameStart, eq == std::string::npos ? std::string::npos : eq - nameStart);
            if (mysqlLike && startsWith(a, "-p") && !startsWith(a, "--") && a.size() > 2) {
                out.push_back("-p" + std::string(kRedactedPlaceholder));
                continue;
            }
            if (isSecretName(name)) {
                if (eq == std::string::npos) {
                    nextIsSecret = true;
                    out.push_back(a);
                } else {
                    out.push_back(a.substr(0, eq + 1) + redactValueOf(name, a.substr(eq + 1)));
                }
                continue;
            }
        }
        const std::size_t eq = a.find('=');
        if (eq != std::string::npos && isIdentifier(std::string_view(a).substr(0, eq))) {
            out.push_back(redactAssignment(a));
            continue;
        }
        out.push_back(redactValues(a));
    }
    return out;
}

} // namespace drydock
