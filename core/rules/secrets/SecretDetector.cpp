#include "core/rules/secrets/SecretDetector.h"

#include "core/common/SecretMasker.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace drydock {

namespace {

constexpr std::string_view kPassword = "password";
constexpr std::string_view kUrlCredentials = "url-credentials";
constexpr std::string_view kBasicAuth = "basic-auth";
constexpr std::string_view kHighEntropy = "high-entropy";
// URL credentials show the URL around the masked password, up to this length; longer values are masked whole
// so evidence stays a line, whatever a hostile value holds.
constexpr std::size_t kMaxShownUrl = 256;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isAlpha(char c)
{
    return isUpper(c) || isLower(c);
}
bool isAlnum(char c)
{
    return isAlpha(c) || isDigit(c);
}
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c)
{
    return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool istartsWith(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool iendsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

template <std::size_t N> bool iequalsAny(std::string_view text, const std::array<std::string_view, N>& list)
{
    for (const auto item : list) {
        if (iequals(text, item)) {
            return true;
        }
    }
    return false;
}

struct NamedKind
{
    std::string_view name;
    std::string_view kind;
};

// trivy DS031's exact names; each also counts behind a VITE_ or REACT_APP_ prefix (front-end build tools
// inline those into the shipped JavaScript).
constexpr std::array kExactNames{
    NamedKind{"AWS_ACCESS_KEY_ID", "aws-access-key"},
    NamedKind{"AWS_SECRET_ACCESS_KEY", "aws-secret-key"},
    NamedKind{"AWS_SESSION_TOKEN", "aws-session-token"},
    NamedKind{"AZURE_CLIENT_ID", "azure-client-id"},
    NamedKind{"AZURE_CLIENT_SECRET", "azure-client-secret"},
    NamedKind{"GITHUB_TOKEN", "github-token"},
    NamedKind{"GH_TOKEN", "github-token"},
    NamedKind{"GH_ENTERPRISE_TOKEN", "github-token"},
    NamedKind{"GITHUB_ENTERPRISE_TOKEN", "github-token"},
    NamedKind{"OPENAI_API_KEY", "api-key"},
    NamedKind{"HF_TOKEN", "token"},
    NamedKind{"DIGITALOCEAN_ACCESS_TOKEN", "token"},
    NamedKind{"DOCKERHUB_PASSWORD", "password"},
    NamedKind{"FIREBASE_TOKEN", "token"},
    NamedKind{"CI_DEPLOY_PASSWORD", "password"},
    NamedKind{"GOOGLE_API_KEY", "api-key"},
    NamedKind{"LANGSMITH_API_KEY", "api-key"},
    NamedKind{"LANGCHAIN_API_KEY", "api-key"},
    NamedKind{"HEROKU_API_KEY", "api-key"},
};

// Names whose value points at a secret instead of being one (B.1 file pointers), and the GPG key
// fingerprints official images set (dockle's only allowlist).
constexpr std::array<std::string_view, 5> kExemptNames{"AWS_CONFIG_FILE", "GOOGLE_APPLICATION_CREDENTIALS",
                                                       "HF_TOKEN_PATH", "GPG_KEY", "GPG_KEYS"};

struct SecretToken
{
    std::string_view token;
    std::string_view kind;
    int rank; // when a name has several secret tokens, the most specific kind wins
};

constexpr std::array kSecretTokens{
    SecretToken{"privatekey", "private-key", 9},
    SecretToken{"password", kPassword, 8},
    SecretToken{"passwords", kPassword, 8},
    SecretToken{"passwd", kPassword, 8},
    SecretToken{"pwd", kPassword, 8},
    SecretToken{"pass", kPassword, 8},
    SecretToken{"pword", kPassword, 8},
    SecretToken{"psw", kPassword, 8},
    SecretToken{"apikey", "api-key", 7},
    SecretToken{"secret", "secret", 6},
    SecretToken{"secrets", "secret", 6},
    SecretToken{"token", "token", 6},
    SecretToken{"tokens", "token", 6},
    SecretToken{"credential", "credential", 5},
    SecretToken{"credentials", "credential", 5},
    SecretToken{"key", "key", 4},
    SecretToken{"auth", "auth", 3},
};

// A token naming the public half, a file or a location: the value is not the secret (B.1).
constexpr std::array<std::string_view, 5> kExemptTokens{"public", "file", "path", "dir", "url"};

// Substrings dockle matches on. Alone they flag MONKEY and ACCESS_LOG, so here they only count together
// with a random-looking value.
constexpr std::array<std::string_view, 17> kWeakFragments{
    "key",  "secret",  "token",     "pass",    "pwd",    "auth", "cred", "access", "private",
    "salt", "signing", "signature", "session", "cookie", "hmac", "jwt",  "bearer"};

// Server flags whose value is a password though no B.1 token says so (redis-server --requirepass).
constexpr std::array<std::string_view, 2> kPasswordFlags{"requirepass", "masterauth"};

constexpr std::array<std::string_view, 7> kMysqlPrograms{
    "mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlshow", "mariadb"};

constexpr std::array<std::string_view, 13> kInertWords{"true", "false",   "yes",      "no",     "on",
                                                       "off",  "enabled", "disabled", "enable", "disable",
                                                       "null", "nil",     "none"};

constexpr std::array<std::string_view, 18> kFileExtensions{".pem",  ".key", ".crt",  ".cer",  ".der", ".p12",
                                                           ".pfx",  ".jks", ".json", ".yaml", ".yml", ".txt",
                                                           ".conf", ".cfg", ".env",  ".gpg",  ".asc", ".pub"};

// Calls onToken for each word of a name: split on every non-alphanumeric byte and at a lower-to-upper
// change (apiKey -> api, Key), so label keys and camelCase flags read like env names.
template <typename F> void forEachNameToken(std::string_view name, F&& onToken)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        const bool end = i == name.size();
        const bool separator = !end && !isAlnum(name[i]);
        const bool camel =
            !end && i > start && isUpper(name[i]) && (isLower(name[i - 1]) || isDigit(name[i - 1]));
        if (end || separator || camel) {
            if (i > start) {
                onToken(name.substr(start, i - start));
            }
            start = separator ? i + 1 : i;
        }
    }
}

// One value of a known shape inside a text. secretBegin/End is the part that must not show (the password
// of URL credentials, else the whole hit).
struct ValueHit
{
    std::string_view kind;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t secretBegin = 0;
    std::size_t secretEnd = 0;
};

bool boundaryBefore(std::string_view t, std::size_t i)
{
    return i == 0 || !isAlnum(t[i - 1]);
}

template <typename Pred> std::size_t runLength(std::string_view t, std::size_t pos, Pred pred)
{
    std::size_t n = 0;
    while (pos + n < t.size() && pred(t[pos + n])) {
        ++n;
    }
    return n;
}

bool isTokenChar(char c)
{
    return isAlnum(c) || c == '_' || c == '-';
}
bool isAwsChar(char c)
{
    return isUpper(c) || isDigit(c);
}

std::optional<ValueHit> awsKeyAt(std::string_view t, std::size_t i)
{
    const std::string_view prefix = t.substr(i, 4);
    if ((prefix != "AKIA" && prefix != "ASIA") || !boundaryBefore(t, i) ||
        runLength(t, i + 4, isAwsChar) != 16) {
        return std::nullopt;
    }
    return ValueHit{"aws-access-key", i, i + 20, i, i + 20};
}

std::optional<ValueHit> privateKeyAt(std::string_view t, std::size_t i)
{
    constexpr std::string_view begin = "-----BEGIN ";
    if (t.compare(i, begin.size(), begin) != 0) {
        return std::nullopt;
    }
    const std::size_t runStart = i + begin.size();
    const std::size_t run = runLength(t, runStart, [](char c) { return isUpper(c) || c == ' '; });
    const std::string_view label = t.substr(runStart, run);
    const std::size_t close = runStart + run;
    const bool isPrivate = label.ends_with("PRIVATE KEY") || label.ends_with("PRIVATE KEY BLOCK");
    if (!isPrivate || t.compare(close, 5, "-----") != 0) {
        return std::nullopt;
    }
    return ValueHit{"private-key", i, close + 5, i, close + 5};
}

std::optional<ValueHit> prefixedTokenAt(std::string_view t, std::size_t i, std::string_view prefix,
                                        std::string_view kind, std::size_t minLength, bool (*pred)(char))
{
    // Starting inside a run of the token's own characters would rescan that run at every repeated prefix
    // (glpat-glpat-…), so a token must start at a boundary of its character class.
    if (t.compare(i, prefix.size(), prefix) != 0 || (i > 0 && (isAlnum(t[i - 1]) || pred(t[i - 1])))) {
        return std::nullopt;
    }
    const std::size_t n = runLength(t, i + prefix.size(), pred);
    if (n < minLength) {
        return std::nullopt;
    }
    const std::size_t end = i + prefix.size() + n;
    return ValueHit{kind, i, end, i, end};
}

std::optional<ValueHit> githubTokenAt(std::string_view t, std::size_t i)
{
    // gh[pousr]_ plus 36 alphanumerics (classic tokens), or a fine-grained github_pat_ token.
    if (i + 4 <= t.size() && t[i + 1] == 'h' && t[i + 3] == '_' &&
        std::string_view("pousr").find(t[i + 2]) != std::string_view::npos) {
        return prefixedTokenAt(t, i, t.substr(i, 4), "github-token", 36, isAlnum);
    }
    return prefixedTokenAt(t, i, "github_pat_", "github-token", 22,
                           [](char c) { return isAlnum(c) || c == '_'; });
}

std::optional<ValueHit> slackTokenAt(std::string_view t, std::size_t i)
{
    if (i + 5 > t.size() || t.compare(i, 3, "xox") != 0 || t[i + 4] != '-' ||
        std::string_view("abpr").find(t[i + 3]) == std::string_view::npos) {
        return std::nullopt;
    }
    return prefixedTokenAt(t, i, t.substr(i, 5), "slack-token", 10,
                           [](char c) { return isAlnum(c) || c == '-'; });
}

std::optional<ValueHit> jwtAt(std::string_view t, std::size_t i)
{
    // header.payload.signature, both JSON parts base64url of '{"' (eyJ); the signature may be empty (alg
    // none).
    if (t.compare(i, 3, "eyJ") != 0 || (i > 0 && isTokenChar(t[i - 1]))) {
        return std::nullopt;
    }
    const std::size_t header = runLength(t, i, isTokenChar);
    std::size_t pos = i + header;
    if (header < 10 || pos >= t.size() || t[pos] != '.' || t.compare(pos + 1, 3, "eyJ") != 0) {
        return std::nullopt;
    }
    const std::size_t payload = runLength(t, pos + 1, isTokenChar);
    pos += 1 + payload;
    if (payload < 10 || pos >= t.size() || t[pos] != '.') {
        return std::nullopt;
    }
    pos += 1 + runLength(t, pos + 1, isTokenChar);
    return ValueHit{"jwt", i, pos, i, pos};
}

// scheme://user:pass@host. The authority stops where SecretMasker's does or earlier, so maskUrlCredentials
// always covers the password found here.
std::optional<ValueHit> urlCredentialsAt(std::string_view t, std::size_t i)
{
    if (t.compare(i, 3, "://") != 0) {
        return std::nullopt;
    }
    std::size_t schemeStart = i;
    while (schemeStart > 0 && (isAlnum(t[schemeStart - 1]) || t[schemeStart - 1] == '+' ||
                               t[schemeStart - 1] == '.' || t[schemeStart - 1] == '-')) {
        --schemeStart;
    }
    while (schemeStart < i && !isAlpha(t[schemeStart])) {
        ++schemeStart;
    }
    if (schemeStart == i) {
        return std::nullopt;
    }
    const std::size_t authStart = i + 3;
    std::size_t authEnd = authStart;
    while (authEnd < t.size() && !isSpace(t[authEnd]) && t[authEnd] != '/' && t[authEnd] != '?' &&
           t[authEnd] != '#' && t[authEnd] != '"' && t[authEnd] != '\'') {
        ++authEnd;
    }
    const std::string_view authority = t.substr(authStart, authEnd - authStart);
    const std::size_t at = authority.rfind('@');
    const std::size_t colon = authority.find(':');
    if (at == std::string_view::npos || colon == std::string_view::npos || colon + 1 >= at) {
        return std::nullopt;
    }
    if (authority[colon + 1] == '$') { // a ${VAR} placeholder, filled in at run time
        return std::nullopt;
    }
    return ValueHit{kUrlCredentials, schemeStart, authEnd, authStart + colon + 1, authStart + at};
}

// Walks text once and reports every value of a known shape; onHit returns false to stop.
template <typename F> void scanValuePatterns(std::string_view t, F&& onHit)
{
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::optional<ValueHit> hit;
        switch (t[i]) {
        case 'A':
            hit = awsKeyAt(t, i);
            break;
        case '-':
            hit = privateKeyAt(t, i);
            break;
        case 'g':
            hit = githubTokenAt(t, i);
            if (!hit) {
                hit = prefixedTokenAt(t, i, "glpat-", "gitlab-token", 20, isTokenChar);
            }
            break;
        case 'x':
            hit = slackTokenAt(t, i);
            break;
        case 's':
            hit = prefixedTokenAt(t, i, "sk_live_", "stripe-key", 16, isAlnum);
            break;
        case 'e':
            hit = jwtAt(t, i);
            break;
        case ':':
            hit = urlCredentialsAt(t, i);
            break;
        default:
            break;
        }
        if (hit) {
            if (!onHit(*hit)) {
                return;
            }
            i = hit->end - 1;
        }
    }
}

std::string_view trimmed(std::string_view v)
{
    while (!v.empty() && isSpace(v.front())) {
        v.remove_prefix(1);
    }
    while (!v.empty() && isSpace(v.back())) {
        v.remove_suffix(1);
    }
    return v;
}

bool isVariableReference(std::string_view v)
{
    if (v.size() < 2 || v[0] != '$') {
        return false;
    }
    std::string_view rest = v.substr(1);
    if (rest.front() == '{') {
        if (rest.back() != '}') {
            return false;
        }
        rest = rest.substr(1, rest.size() - 2);
    }
    return !rest.empty() && runLength(rest, 0, [](char c) { return isAlnum(c) || c == '_'; }) == rest.size();
}

bool isPathLike(std::string_view v)
{
    if (v.starts_with("./") || v.starts_with("../") || v.starts_with("~/")) {
        return true;
    }
    const bool pathChars = runLength(v, 0, [](char c) {
                               return isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '/';
                           }) == v.size();
    if (v.starts_with('/')) {
        // A base64 key may start with '/'; a path is rarely a long upper/lower/digit mix.
        bool upper = false, lowerCase = false, digit = false;
        for (const char c : v) {
            upper = upper || isUpper(c);
            lowerCase = lowerCase || isLower(c);
            digit = digit || isDigit(c);
        }
        return pathChars && !(upper && lowerCase && digit && v.size() >= 20);
    }
    if (pathChars && v.find('/') == std::string_view::npos) {
        for (const auto ext : kFileExtensions) {
            if (v.size() > ext.size() && iendsWith(v, ext)) {
                return true;
            }
        }
    }
    return false;
}

bool isShortNumber(std::string_view v)
{
    return !v.empty() && v.size() <= 8 && runLength(v, 0, isDigit) == v.size();
}

bool isBuildArgCount(std::string_view s) // "|2" in front of a classic-builder RUN line
{
    return s.size() > 1 && s[0] == '|' && runLength(s, 1, isDigit) == s.size() - 1;
}

bool isVariableName(std::string_view s)
{
    return !s.empty() && (isAlpha(s[0]) || s[0] == '_') &&
           runLength(s, 0, [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; }) == s.size();
}

bool isPair(std::string_view s)
{
    const std::size_t eq = s.find('=');
    return eq != std::string_view::npos && isVariableName(s.substr(0, eq));
}

bool hasPassword(std::string_view userColonPassword)
{
    const std::size_t colon = userColonPassword.find(':');
    return colon != std::string_view::npos && colon + 1 < userColonPassword.size();
}

std::string_view basename(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// What the name and the value say together; scanValue false when the caller has scanned the value already.
std::optional<SecretMatch> judge(std::string_view name, SecretDetector::NameVerdict verdict,
                                 std::string_view value, bool scanValue)
{
    if (value.empty()) {
        return std::nullopt;
    }
    std::optional<SecretMatch> found;
    if (scanValue) {
        scanValuePatterns(value, [&](const ValueHit& hit) {
            found = SecretMatch::fromValue(name, hit.kind, value, 0, value.size());
            return false;
        });
        if (found) {
            return found;
        }
    }
    using NameSignal = SecretDetector::NameSignal;
    if (verdict.signal == NameSignal::Strong && !SecretDetector::isInertValue(value) &&
        (verdict.kind == kPassword || !isShortNumber(value))) {
        // A token, key or secret is never a short number (TOKEN_TTL=3600); a password may be.
        return SecretMatch::fromValue(name, verdict.kind, value, 0, value.size());
    }
    if (verdict.signal == NameSignal::Weak && SecretDetector::looksRandom(value)) {
        return SecretMatch::fromValue(name, kHighEntropy, value, 0, value.size());
    }
    return std::nullopt;
}

SecretDetector::NameVerdict classifyFlag(std::string_view flagName)
{
    if (iequalsAny(flagName, kPasswordFlags)) {
        return {SecretDetector::NameSignal::Strong, kPassword};
    }
    return SecretDetector::classifyName(flagName);
}

// A word of a command line; quotes are dropped, not grouped, so `sh -c "mysql -psecret"` is read word by
// word.
struct TextToken
{
    std::string text;
    std::size_t offset = 0;
    std::size_t length = 0;
    bool startsCommand = false;
};

std::vector<TextToken> tokenize(std::string_view t)
{
    std::vector<TextToken> tokens;
    bool startsCommand = true;
    std::size_t i = 0;
    while (i < t.size()) {
        const char c = t[i];
        const bool buildArgs = c == '|' && i + 1 < t.size() && isDigit(t[i + 1]);
        if (c == '\n' || c == ';' || c == '&' || (c == '|' && !buildArgs)) {
            startsCommand = true;
            ++i;
            continue;
        }
        if (isSpace(c)) {
            ++i;
            continue;
        }
        TextToken token;
        token.offset = i;
        token.startsCommand = startsCommand;
        startsCommand = false;
        if (buildArgs) {
            token.text += '|';
            ++i;
        }
        while (i < t.size() && !isSpace(t[i]) && t[i] != ';' && t[i] != '&' && t[i] != '|') {
            if (t[i] != '"' && t[i] != '\'') {
                token.text += t[i];
            }
            ++i;
        }
        token.length = i - token.offset;
        if (!token.text.empty()) {
            tokens.push_back(std::move(token));
        }
    }
    return tokens;
}

// Which program the current command runs, for flags whose meaning depends on it (-p, -u).
struct CommandContext
{
    bool mysql = false;
    bool curl = false;
    bool sshpass = false;
    bool docker = false;
    bool dockerLogin = false;

    void note(std::string_view word)
    {
        const std::string_view program = basename(word);
        mysql = mysql || iequalsAny(program, kMysqlPrograms);
        curl = curl || program == "curl";
        sshpass = sshpass || program == "sshpass";
        dockerLogin = dockerLogin || (docker && word == "login");
        docker = docker || program == "docker";
    }
};

} // namespace

SecretMatch SecretMatch::fromValue(std::string_view name, std::string_view kind, std::string_view value,
                                   std::size_t offset, std::size_t length)
{
    SecretMatch m;
    m.name = std::string(name);
    m.kind = std::string(kind);
    m.offset = offset;
    m.length = length;
    if (kind == kUrlCredentials && value.size() <= kMaxShownUrl) {
        m.masked = maskUrlCredentials(value);
        // The user or host may repeat the password (admin:admin@); then show nothing of the URL.
        scanValuePatterns(value, [&](const ValueHit& hit) {
            const std::string_view password = value.substr(hit.secretBegin, hit.secretEnd - hit.secretBegin);
            if (hit.kind == kUrlCredentials && m.masked.find(password) != std::string::npos) {
                m.masked = maskSecret(value);
                return false;
            }
            return true;
        });
    } else if (kind == kBasicAuth) {
        const std::size_t colon = value.find(':');
        const std::string_view user = value.substr(0, colon);
        const std::string_view password = colon == std::string_view::npos ? value : value.substr(colon + 1);
        m.masked = user.find(password) == std::string_view::npos
                       ? std::string(user) + ":" + maskSecret(password)
                       : maskSecret(password);
    } else {
        m.masked = maskSecret(value);
    }
    if (!value.empty() && m.masked.find(value) != std::string::npos) { // e.g. a value of only '*'
        m.masked = "****";
    }
    return m;
}

std::string SecretMatch::describe() const
{
    const std::string suffix = " (" + kind + ")";
    if (name.empty()) {
        return masked + suffix;
    }
    const bool flag = name.front() == '-' || name.find(' ') != std::string::npos;
    return name + (flag ? " " : "=") + masked + suffix;
}

std::string SecretMatch::label() const
{
    return name.empty() ? kind : name;
}

SecretDetector::NameVerdict SecretDetector::classifyName(std::string_view name)
{
    if (name.empty()) {
        return {};
    }
    std::string_view base = name;
    for (const std::string_view prefix : {std::string_view("VITE_"), std::string_view("REACT_APP_")}) {
        if (istartsWith(base, prefix)) {
            base.remove_prefix(prefix.size());
            break;
        }
    }
    for (const auto& exact : kExactNames) {
        if (iequals(base, exact.name)) {
            return {NameSignal::Strong, exact.kind};
        }
    }
    if (iequalsAny(name, kExemptNames)) {
        return {NameSignal::Exempt, {}};
    }
    bool exempt = false;
    int bestRank = 0;
    std::string_view bestKind;
    std::string_view previous;
    forEachNameToken(name, [&](std::string_view token) {
        exempt = exempt || iequalsAny(token, kExemptTokens);
        for (const auto& secret : kSecretTokens) {
            if (!iequals(token, secret.token)) {
                continue;
            }
            std::string_view kind = secret.kind;
            int rank = secret.rank;
            if (secret.token == "key" && iequals(previous, "api")) {
                kind = "api-key";
                rank = 7;
            } else if (secret.token == "key" && iequals(previous, "private")) {
                kind = "private-key";
                rank = 9;
            }
            if (rank > bestRank) {
                bestRank = rank;
                bestKind = kind;
            }
        }
        previous = token;
    });
    if (exempt) {
        return {NameSignal::Exempt, {}};
    }
    if (bestRank > 0) {
        return {NameSignal::Strong, bestKind};
    }
    std::string lowerName(name);
    for (char& c : lowerName) {
        c = lower(c);
    }
    for (const auto fragment : kWeakFragments) {
        if (lowerName.find(fragment) != std::string::npos) {
            return {NameSignal::Weak, {}};
        }
    }
    return {};
}

std::optional<std::string_view> SecretDetector::valueKind(std::string_view text)
{
    std::optional<std::string_view> kind;
    scanValuePatterns(text, [&](const ValueHit& hit) {
        kind = hit.kind;
        return false;
    });
    return kind;
}

bool SecretDetector::isInertValue(std::string_view value)
{
    const std::string_view v = trimmed(value);
    if (v.empty() || iequalsAny(v, kInertWords) || isVariableReference(v)) {
        return true;
    }
    if (runLength(v, 0, [](char c) { return c == '*'; }) == v.size()) { // already redacted
        return true;
    }
    return isPathLike(v);
}

double SecretDetector::shannonEntropy(std::string_view text)
{
    if (text.empty()) {
        return 0.0;
    }
    std::array<unsigned, 256> counts{};
    for (const char c : text) {
        ++counts[static_cast<unsigned char>(c)];
    }
    double entropy = 0.0;
    const double n = static_cast<double>(text.size());
    for (const unsigned count : counts) {
        if (count) {
            const double p = count / n;
            entropy -= p * std::log2(p);
        }
    }
    return entropy;
}

bool SecretDetector::looksRandom(std::string_view value)
{
    // Generated keys are long, single words of mixed classes with no natural-language runs. Thresholds:
    // random hex of 20+ characters scores about 3.6 bits per character, random base64 about 4+; words,
    // versions and host names fail the class or run tests before entropy is even computed.
    if (value.size() < 20 || value.front() == '/' || value.front() == '.' || value.front() == '~') {
        return false;
    }
    int upper = 0, lowerCase = 0, digit = 0;
    std::size_t transitions =
        0; // letter<->digit changes: frequent in generated text, rare in names and versions
    bool hexOnly = true;
    std::size_t run = 0;
    bool runUpper = false;
    char previous = 0;
    for (const char c : value) {
        const bool symbol = c == '+' || c == '/' || c == '=' || c == '_' || c == '-' || c == '.' || c == '~';
        if (!isAlnum(c) && !symbol) {
            return false;
        }
        upper += isUpper(c);
        lowerCase += isLower(c);
        digit += isDigit(c);
        hexOnly = hexOnly && (isDigit(c) || (lower(c) >= 'a' && lower(c) <= 'f') || c == '-');
        if (isAlpha(c) && run > 0 && isUpper(c) == runUpper) {
            ++run;
        } else {
            run = isAlpha(c) ? 1 : 0;
            runUpper = isUpper(c);
        }
        if (run >= 8) { // a word: EXAMPLEKEY, production
            return false;
        }
        transitions += (isAlpha(previous) && isDigit(c)) || (isDigit(previous) && isAlpha(c));
        previous = c;
    }
    if (transitions * 10 < value.size()) { // v1.25.3-alpine-linux-amd64, redis-cluster-primary-01
        return false;
    }
    if (digit == 0 || upper + lowerCase == 0) {
        return false;
    }
    if (hexOnly && !(upper && lowerCase)) {
        return shannonEntropy(value) >= 3.0;
    }
    const bool mixed = (upper && lowerCase) || digit * 5 >= upper + lowerCase + digit;
    return mixed && shannonEntropy(value) >= 3.7;
}

std::optional<SecretMatch> SecretDetector::inspectVariable(std::string_view name,
                                                           std::string_view value) const
{
    return judge(name, classifyName(name), value, true);
}

std::vector<SecretMatch> SecretDetector::inspectText(std::string_view text) const
{
    const std::vector<TextToken> tokens = tokenize(text);
    std::vector<SecretMatch> out;
    CommandContext command;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const TextToken& token = tokens[k];
        if (token.startsCommand) {
            command = {};
        }
        const std::string_view word = token.text;
        const TextToken* next =
            k + 1 < tokens.size() && !tokens[k + 1].startsCommand ? &tokens[k + 1] : nullptr;
        // A following NAME=value is a pair of its own (--secret id=x,src=y), not this flag's value.
        const bool nextIsValue = next && next->text.front() != '-' && !isPair(next->text);
        auto add = [&](std::string_view name, std::optional<SecretMatch> match, const TextToken& last) {
            if (match) {
                match->name = std::string(name);
                match->offset = token.offset;
                match->length = last.offset + last.length - token.offset;
                out.push_back(std::move(*match));
            }
            return match.has_value();
        };
        auto password = [&](std::string_view name, std::string_view value, const TextToken& last) {
            return add(name, judge(name, {NameSignal::Strong, kPassword}, value, true), last);
        };

        if (isBuildArgCount(word)) {
            continue;
        }
        if (word.front() != '-') {
            if (isPair(word)) {
                const std::string_view name = word.substr(0, word.find('='));
                add(name, inspectVariable(name, word.substr(name.size() + 1)), token);
                continue;
            }
            command.note(word);
            scanValuePatterns(word, [&](const ValueHit& hit) {
                out.push_back(SecretMatch::fromValue({}, hit.kind, word, token.offset, token.length));
                return false;
            });
            continue;
        }

        // Flags whose meaning depends on the program: mysql -p<pw>, sshpass -p, docker login -p, curl -u.
        if ((command.mysql || command.sshpass) && word.size() > 2 && word[1] == 'p') {
            password("-p", word.substr(2), token);
            continue;
        }
        if ((command.sshpass || command.dockerLogin) && word == "-p") {
            if (nextIsValue && password("-p", next->text, *next)) {
                ++k;
            }
            continue;
        }
        if (command.curl && (word == "-u" || word == "-U" || word == "--user" || word == "--proxy-user")) {
            if (nextIsValue && hasPassword(next->text) &&
                add("curl -u", judge("curl -u", {NameSignal::Strong, kBasicAuth}, next->text, false),
                    *next)) {
                ++k;
            }
            continue;
        }
        if (command.curl && (word.starts_with("--user=") || (word.size() > 2 && word[1] == 'u'))) {
            const std::string_view value = word.substr(word.starts_with("--user=") ? 7 : 2);
            if (hasPassword(value)) {
                add("curl -u", judge("curl -u", {NameSignal::Strong, kBasicAuth}, value, false), token);
            }
            continue;
        }

        // Generic flags: --password=…, --api-key …, -Dspring.datasource.password=… (Java properties).
        std::string_view body = word;
        if (body.starts_with("--")) {
            body.remove_prefix(2);
        } else if (body.starts_with("-D") && body.size() > 2) {
            body.remove_prefix(2);
        } else {
            body.remove_prefix(1);
        }
        const std::size_t eq = body.find('=');
        if (eq != std::string_view::npos) {
            const std::string_view flag = word.substr(0, word.size() - body.size() + eq);
            add(flag, judge(flag, classifyFlag(body.substr(0, eq)), body.substr(eq + 1), true), token);
            continue;
        }
        const NameVerdict verdict = classifyFlag(body);
        // auth flags are mostly switches (mongod --auth), and so is --password-stdin: neither takes the next
        // word as its value.
        if (verdict.signal == NameSignal::Strong && verdict.kind != "auth" && !iendsWith(body, "-stdin") &&
            nextIsValue && add(word, judge(word, verdict, next->text, true), *next)) {
            ++k;
        }
    }
    return out;
}

std::vector<SecretMatch> SecretDetector::inspectDocument(std::string_view text) const
{
    std::vector<SecretMatch> out;
    scanValuePatterns(text, [&](const ValueHit& hit) {
        out.push_back(SecretMatch::fromValue({}, hit.kind, text.substr(hit.begin, hit.end - hit.begin),
                                             hit.begin, hit.end - hit.begin));
        return true;
    });
    // Assignments in any of the usual forms: KEY=value, key = value, key: value, "key": "value".
    auto isKeyChar = [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c != '=' && c != ':') || text.compare(i, 3, "://") == 0) {
            continue;
        }
        std::size_t keyEnd = i;
        while (keyEnd > 0 && (text[keyEnd - 1] == ' ' || text[keyEnd - 1] == '\t')) {
            --keyEnd;
        }
        if (keyEnd > 0 && (text[keyEnd - 1] == '"' || text[keyEnd - 1] == '\'')) {
            --keyEnd;
        }
        std::size_t keyStart = keyEnd;
        while (keyStart > 0 && isKeyChar(text[keyStart - 1])) {
            --keyStart;
        }
        const std::string_view key = text.substr(keyStart, keyEnd - keyStart);
        const NameVerdict verdict = classifyName(key);
        if (verdict.signal != NameSignal::Strong && verdict.signal != NameSignal::Weak) {
            continue;
        }
        std::size_t valueStart = i + 1;
        while (valueStart < text.size() && (text[valueStart] == ' ' || text[valueStart] == '\t')) {
            ++valueStart;
        }
        std::size_t valueEnd = valueStart;
        if (valueStart < text.size() && (text[valueStart] == '"' || text[valueStart] == '\'')) {
            const char quote = text[valueStart++];
            valueEnd = valueStart;
            while (valueEnd < text.size() && text[valueEnd] != quote && text[valueEnd] != '\n') {
                ++valueEnd;
            }
        } else {
            while (valueEnd < text.size() && !isSpace(text[valueEnd]) && text[valueEnd] != ',' &&
                   text[valueEnd] != ';' && text[valueEnd] != '&' && text[valueEnd] != '"') {
                ++valueEnd;
            }
        }
        if (auto match = judge(key, verdict, text.substr(valueStart, valueEnd - valueStart), false)) {
            match->offset = keyStart;
            match->length = valueEnd - keyStart;
            out.push_back(std::move(*match));
        }
        // Separators inside the value are part of it; skipping them also keeps the scan linear on hostile
        // input such as password=password=password=….
        i = std::max(i, valueEnd > 0 ? valueEnd - 1 : 0);
    }
    return out;
}

} // namespace drydock
