#include "core/secrets/SecretDetector.h"

#include "core/common/SecretMasker.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace drydock {

namespace {

constexpr std::string_view kPassword = "password";
constexpr std::string_view kUrlCredentials = "url-credentials";
constexpr std::string_view kBasicAuth = "basic-auth";
constexpr std::string_view kHighEntropy = "high-entropy";
constexpr std::string_view kConnectionString = "connection-string";
constexpr std::string_view kPasswordHash = "password-hash";
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

// A variable name that is a secret whatever its value, and the kind of secret it holds.
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
    NamedKind{"VAULT_DEV_ROOT_TOKEN_ID", "token"}, // the vault image's root token, despite the _ID
};

// Names whose value points at a secret instead of being one (B.1 file pointers), and the GPG key
// fingerprints official images set (dockle's only allowlist).
constexpr std::array<std::string_view, 5> kExemptNames{"AWS_CONFIG_FILE", "GOOGLE_APPLICATION_CREDENTIALS",
                                                       "HF_TOKEN_PATH", "GPG_KEY", "GPG_KEYS"};

// A word that makes a variable name secret-looking, its kind and how specific it is.
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
    SecretToken{"pw", kPassword, 8},
    SecretToken{"passphrase", kPassword, 8},
    SecretToken{"apikey", "api-key", 7},
    SecretToken{"secret", "secret", 6},
    SecretToken{"secrets", "secret", 6},
    SecretToken{"token", "token", 6},
    SecretToken{"tokens", "token", 6},
    SecretToken{"credential", "credential", 5},
    SecretToken{"credentials", "credential", 5},
    SecretToken{"cred", "credential", 5},
    SecretToken{"creds", "credential", 5},
    SecretToken{"private", "private-key", 4},
    SecretToken{"accesskey", "key", 4},
    SecretToken{"secretkey", "secret", 6},
    SecretToken{"authtoken", "token", 6},
    SecretToken{"key", "key", 4},
    SecretToken{"auth", "auth", 3},
};

// A token naming the public half, a file or a location: the value is not the secret (B.1).
constexpr auto kExemptTokens =
    std::to_array<std::string_view>({"public", "publishable", "pub", "pubkey", "file", "filename", "path",
                                     "dir", "url", "uri", "fingerprint"});

// Words that, among the last two of a name, make it talk *about* a secret: its length, lifetime, name,
// header, id or policy (PASSWORD_MIN_LENGTH, TOKEN_TTL, SECRET_NAME, API_KEY_HEADER, KMS_KEY_ID).
// A checksum (KEY_SHA512 of nginx's public signing key, GOSU_SHA256) is not the thing either. Official
// images set many of these; their values are settings, not secrets.
constexpr auto kDescriptorTokens = std::to_array<std::string_view>(
    {"length",    "len",      "ttl",        "timeout",   "expiry",   "expires",  "expire",   "expiration",
     "lifetime",  "age",      "duration",   "interval",  "header",   "headers",  "name",     "names",
     "id",        "ids",      "ref",        "reference", "type",     "method",   "methods",  "mode",
     "algorithm", "algo",     "alg",        "policy",    "provider", "enabled",  "disabled", "enable",
     "disable",   "required", "require",    "size",      "bits",     "count",    "rounds",   "iterations",
     "user",      "username", "prefix",     "field",     "param",    "location", "endpoint", "host",
     "port",      "backend",  "scheme",     "format",    "version",  "strength", "rotation", "store",
     "realm",     "issuer",   "audience",   "scope",     "role",     "retries",  "server",   "servers",
     "manager",   "helper",   "complexity", "column",    "scopes",   "roles",    "seconds",  "minutes",
     "hours",     "days",     "attempts",   "score",     "sha1",     "sha256",   "sha384",   "sha512",
     "md5",       "checksum", "digest"});

// Words anywhere in a name that make it a switch about a secret rather than the secret
// (MYSQL_RANDOM_ROOT_PASSWORD=yes, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1, PASSWORD_MIN_LENGTH=12).
constexpr auto kSwitchTokens = std::to_array<std::string_view>(
    {"allow", "random", "empty", "onetime", "generate", "skip", "min", "max", "no", "minimum", "maximum"});

// Secret words that also have harmless meanings (AUTH in GF_AUTH_ANONYMOUS_ORG_ROLE, KEY in KEY_VAULT_NAME):
// they count as strong only among the last two words of a name.
constexpr auto kAmbiguousTokens = std::to_array<std::string_view>({"auth", "key", "private"});

// Substrings dockle matches on. Alone they flag MONKEY and ACCESS_LOG, so here they only count together
// with a random-looking value.
constexpr std::array<std::string_view, 17> kWeakFragments{
    "key",  "secret",  "token",     "pass",    "pwd",    "auth", "cred", "access", "private",
    "salt", "signing", "signature", "session", "cookie", "hmac", "jwt",  "bearer"};

// Server flags whose value is a password though no B.1 token says so (redis-server --requirepass).
constexpr std::array<std::string_view, 2> kPasswordFlags{"requirepass", "masterauth"};

constexpr std::array<std::string_view, 7> kMysqlPrograms{
    "mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlshow", "mariadb"};

constexpr auto kInertWords =
    std::to_array<std::string_view>({"true", "false", "yes", "no", "on", "off", "enabled", "disabled",
                                     "enable", "disable", "null", "nil", "none", "y", "n"});

// HTTP header names whose value is the credential (the variable names the header, not the secret).
constexpr auto kHeaderNames = std::to_array<std::string_view>(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "www-authenticate", "api-key"});

// Words that say a value names a secret instead of holding it (SECRET_NAME=db-credentials).
constexpr auto kSecretNouns =
    std::to_array<std::string_view>({"credentials", "credential", "creds", "secret", "secrets", "password",
                                     "passwords", "token", "tokens", "key", "keys", "cert", "certs"});

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
    // The block runs to its END line, or to the end of the text when it was cut: all of the body is secret.
    std::size_t end = t.size();
    const std::size_t endLine = t.find("-----END ", close + 5);
    if (endLine != std::string_view::npos) {
        const std::size_t endClose = t.find("-----", endLine + 9);
        end = endClose == std::string_view::npos ? t.size() : endClose + 5;
    }
    return ValueHit{"private-key", i, end, i, end};
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

// A 40-character base64 word with upper, lower and digits: the shape of an AWS secret access key. Hex
// (git commit ids, SHA-1 sums) never matches: it has no upper/lower mix.
std::optional<ValueHit> awsSecretKeyAt(std::string_view t, std::size_t i)
{
    const auto isB64 = [](char c) { return isAlnum(c) || c == '/' || c == '+'; };
    if (i > 0 &&
        (isB64(t[i - 1]) || t[i - 1] == '=' || t[i - 1] == '_' || t[i - 1] == '-' || t[i - 1] == '.')) {
        return std::nullopt;
    }
    if (runLength(t, i, isB64) != 40) {
        return std::nullopt;
    }
    const std::size_t after = i + 40;
    if (after < t.size() && (t[after] == '_' || t[after] == '-' || t[after] == '.' || t[after] == '=')) {
        return std::nullopt;
    }
    int upper = 0, lowerCase = 0, digit = 0;
    for (const char c : t.substr(i, 40)) {
        upper += isUpper(c);
        lowerCase += isLower(c);
        digit += isDigit(c);
    }
    if (upper < 4 || lowerCase < 4 || digit < 1) {
        return std::nullopt;
    }
    return ValueHit{"aws-secret-key", i, after, i, after};
}

bool isBase64UrlChar(char c)
{
    return isAlnum(c) || c == '_' || c == '-';
}

// password=…, pwd=…, AccountKey=… inside a connection string ("Server=db;User Id=sa;Password=x;",
// "host=db user=app password=x") or a mount option list ("username=bob,password=x,vers=3.0"): only the
// value is secret.
std::optional<ValueHit> connectionPasswordAt(std::string_view t, std::size_t i)
{
    if (i > 0 && !(t[i - 1] == ';' || t[i - 1] == ' ' || t[i - 1] == '?' || t[i - 1] == '&' ||
                   t[i - 1] == ',' || t[i - 1] == '\t' || t[i - 1] == '"' || t[i - 1] == '\'')) {
        return std::nullopt;
    }
    for (const std::string_view key :
         {std::string_view("password="), std::string_view("pwd="), std::string_view("accountkey="),
          std::string_view("sharedaccesskey=")}) {
        if (!istartsWith(t.substr(i), key)) {
            continue;
        }
        std::size_t valueBegin = i + key.size();
        std::size_t valueEnd = valueBegin;
        if (valueBegin < t.size() && (t[valueBegin] == '"' || t[valueBegin] == '\'')) { // password="x" (JAAS)
            const char quote = t[valueBegin++];
            valueEnd = valueBegin;
            while (valueEnd < t.size() && t[valueEnd] != quote && t[valueEnd] != '\n') {
                ++valueEnd;
            }
        } else {
            while (valueEnd < t.size() && t[valueEnd] != ';' && t[valueEnd] != '&' && t[valueEnd] != ',' &&
                   !isSpace(t[valueEnd]) && t[valueEnd] != '"' && t[valueEnd] != '\'') {
                ++valueEnd;
            }
        }
        const std::string_view value = t.substr(valueBegin, valueEnd - valueBegin);
        if (value.empty() || value.front() == '$' || value.front() == '{' || value.front() == '<') {
            return std::nullopt;
        }
        return ValueHit{kConnectionString, i, valueEnd, valueBegin, valueEnd};
    }
    return std::nullopt;
}

// Tokens announced by a fixed prefix (vendor formats, all with fake values in tests/data/secrets).
struct PrefixFormat
{
    std::string_view prefix;
    std::string_view kind;
    std::size_t minLength; // characters after the prefix
    bool (*body)(char);
};

bool isDotBase64UrlChar(char c)
{
    return isBase64UrlChar(c) || c == '.';
}

const auto kPrefixFormats = std::to_array<PrefixFormat>({
    {"glpat-", "gitlab-token", 20, isTokenChar},
    {"glrt-", "gitlab-token", 20, isTokenChar},
    {"gldt-", "gitlab-token", 20, isTokenChar},
    {"glptt-", "gitlab-token", 20, isTokenChar},
    {"GR1348941", "gitlab-token", 20, isTokenChar},
    {"npm_", "npm-token", 36, isAlnum},
    {"pypi-AgE", "pypi-token", 50, isTokenChar},
    {"sk_live_", "stripe-key", 10, isAlnum},
    {"sk_test_", "stripe-key", 10, isAlnum},
    {"rk_live_", "stripe-key", 10, isAlnum},
    {"rk_test_", "stripe-key", 10, isAlnum},
    {"whsec_", "stripe-key", 24, isAlnum},
    {"sk-proj-", "openai-key", 20, isTokenChar},
    {"sk-ant-", "anthropic-key", 20, isTokenChar},
    {"AIza", "google-api-key", 35, isTokenChar},
    {"SG.", "sendgrid-key", 40, isDotBase64UrlChar},
    {"dckr_pat_", "docker-hub-token", 20, isTokenChar},
    {"hvs.", "vault-token", 24, isTokenChar},
    {"dop_v1_", "digitalocean-token", 40, isAlnum},
    {"shpat_", "shopify-token", 32, isAlnum},
    {"hf_", "huggingface-token", 30, isAlnum},
});

std::optional<ValueHit> prefixFormatAt(std::string_view t, std::size_t i)
{
    for (const auto& f : kPrefixFormats) {
        if (t[i] == f.prefix.front()) {
            if (auto hit = prefixedTokenAt(t, i, f.prefix, f.kind, f.minLength, f.body)) {
                return hit;
            }
        }
    }
    return std::nullopt;
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

// A password hash as htpasswd and crypt(3) write it — `$apr1$salt$hash`, bcrypt's `$2y$10$…`, `$5$`, `$6$`,
// yescrypt's `$y$`, `$argon2id$…` — with every `$` possibly doubled as compose files escape it
// (`admin:$$apr1$$…` in a Traefik basic-auth label). Not the password, but it lets anyone who reads it guess
// the password offline: masked like one.
std::optional<ValueHit> passwordHashAt(std::string_view t, std::size_t i)
{
    if (t[i] != '$' || (i > 0 && t[i - 1] == '$')) {
        return std::nullopt;
    }
    const std::size_t dollar = t.compare(i, 2, "$$") == 0 ? 2 : 1;
    std::size_t idEnd = i + dollar;
    while (idEnd < t.size() && (isAlnum(t[idEnd]))) {
        ++idEnd;
    }
    const std::string_view id = t.substr(i + dollar, idEnd - i - dollar);
    static constexpr auto kIds = std::to_array<std::string_view>(
        {"apr1", "1", "2a", "2b", "2y", "5", "6", "y", "gy", "7", "argon2i", "argon2d", "argon2id"});
    if (std::find(kIds.begin(), kIds.end(), id) == kIds.end() ||
        t.compare(idEnd, dollar, dollar == 2 ? "$$" : "$") != 0) {
        return std::nullopt;
    }
    std::size_t end = idEnd;
    while (end < t.size() && (isAlnum(t[end]) || t[end] == '.' || t[end] == '/' || t[end] == '$' ||
                              t[end] == '=' || t[end] == ',' || t[end] == '+' || t[end] == '-')) {
        ++end;
    }
    // The salt and the hash after the id: at least 20 characters, and at least one more `$` between them.
    const std::string_view rest = t.substr(idEnd + dollar, end - idEnd - dollar);
    if (rest.size() < 20 || rest.find('$') == std::string_view::npos) {
        return std::nullopt;
    }
    return ValueHit{kPasswordHash, i, end, i, end};
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
            break;
        case 'x':
            hit = slackTokenAt(t, i);
            break;
        case 'e':
            hit = jwtAt(t, i);
            break;
        case ':':
            hit = urlCredentialsAt(t, i);
            break;
        case '$':
            hit = passwordHashAt(t, i);
            break;
        default:
            break;
        }
        if (!hit && (lower(t[i]) == 'p' || lower(t[i]) == 'a' || lower(t[i]) == 's')) {
            hit = connectionPasswordAt(t, i);
        }
        if (!hit) {
            hit = prefixFormatAt(t, i);
        }
        if (!hit && (isAlnum(t[i]) || t[i] == '/' || t[i] == '+')) {
            hit = awsSecretKeyAt(t, i);
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
        if (rest.back() != '}' || v.find('}') != v.size() - 1) {
            return false;
        }
        rest = rest.substr(1, rest.size() - 2);
        // ${NAME:-default}, ${NAME:?message}: still the variable's own value at run time.
        const std::size_t op = rest.find_first_of(":-?=+");
        if (op != std::string_view::npos && op > 0) {
            rest = rest.substr(0, op);
        }
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
    if (pathChars) { // key.pem, certs/es01/es01.key
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

bool isNumberOrDuration(std::string_view v)
{
    // 3600, 1.5, 30s, 15m, 1h30m, 7d, 500ms, 2w: a setting, not a secret.
    std::size_t i = 0;
    bool sawDigit = false;
    while (i < v.size()) {
        const std::size_t digits = runLength(v, i, isDigit);
        if (digits == 0) {
            return false;
        }
        sawDigit = true;
        i += digits;
        if (i < v.size() && v[i] == '.') {
            ++i;
            continue;
        }
        const std::size_t unit = runLength(v, i, isAlpha);
        if (unit > 0) {
            const std::string_view u = v.substr(i, unit);
            if (!iequalsAny(u, std::to_array<std::string_view>({"ms", "s", "m", "h", "d", "w", "y", "sec",
                                                                "secs", "min", "mins", "hour", "hours", "day",
                                                                "days", "k", "kb", "mb", "gb"}))) {
                return false;
            }
            i += unit;
        }
    }
    return sawDigit && v.size() <= 12;
}

bool isHeaderName(std::string_view v)
{
    if (iequalsAny(v, kHeaderNames)) {
        return true;
    }
    // X-Api-Key, X-Auth-Token, x-vault-token: an X- header is a name, never a credential.
    return v.size() > 2 && (v[0] == 'X' || v[0] == 'x') && v[1] == '-' && v.size() <= 64 &&
           runLength(v, 2, [](char c) { return isAlnum(c) || c == '-'; }) == v.size() - 2 &&
           runLength(v, 2, [](char c) { return isAlpha(c) || c == '-'; }) == v.size() - 2;
}

// "db-credentials", "prod.api-token", "myapp_secret_key": a lower-case identifier of several words ending in
// a secret noun names a secret (in a secret store, an orchestrator) without being one. So do ARNs and
// secret-store references.
bool namesASecret(std::string_view v)
{
    if (v.starts_with("arn:aws:") || v.starts_with("vault:") || v.starts_with("secretsmanager:") ||
        v.starts_with("projects/") || v.starts_with("azure-keyvault:") || v.starts_with("op://")) {
        return true;
    }
    if (v.empty() || v.size() > 64 || !isLower(v.front())) {
        return false;
    }
    bool separated = false;
    for (const char c : v) {
        if (!(isLower(c) || isDigit(c) || c == '-' || c == '_' || c == '.')) {
            return false;
        }
        separated = separated || c == '-' || c == '_' || c == '.';
    }
    if (!separated) {
        return false;
    }
    // The secret noun must be the last word: "db-credentials" names a secret, "my-secret-pw" is one.
    std::string_view last;
    forEachNameToken(v, [&](std::string_view word) { last = word; });
    return iequalsAny(last, kSecretNouns);
}

// db.internal, smtp.example.com, 10.0.0.5:5432: a host, not a secret.
bool isHostName(std::string_view v)
{
    const std::size_t colon = v.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < v.size() &&
        runLength(v, colon + 1, isDigit) == v.size() - colon - 1) {
        v = v.substr(0, colon);
    }
    if (v.size() < 4 || v.find('.') == std::string_view::npos || !isAlnum(v.front()) || !isAlnum(v.back())) {
        return false;
    }
    std::size_t labels = 1;
    for (const char c : v) {
        if (!(isLower(c) || isDigit(c) || c == '-' || c == '.')) {
            return false;
        }
        labels += c == '.';
    }
    const std::string_view last = v.substr(v.rfind('.') + 1);
    const bool ip = labels == 4 && runLength(v, 0, [](char c) { return isDigit(c) || c == '.'; }) == v.size();
    return ip || (!last.empty() && runLength(last, 0, isLower) == last.size());
}

// 1234abcd-12ab-34cd-56ef-1234567890ab: under a name that only hints at a secret, an id (KMS_KEY_ID).
bool isUuid(std::string_view v)
{
    if (v.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != '-' : !(isDigit(v[i]) || (lower(v[i]) >= 'a' && lower(v[i]) <= 'f'))) {
            return false;
        }
    }
    return true;
}

// 0x0A9AF2115F4687BD29803A206B73A36E6026DFCA: a fingerprint or key id in hex.
bool isHexId(std::string_view v)
{
    if (v.starts_with("0x") || v.starts_with("0X")) {
        v.remove_prefix(2);
    }
    return !v.empty() && runLength(v, 0, [](char c) {
                             return isDigit(c) || (lower(c) >= 'a' && lower(c) <= 'f');
                         }) == v.size();
}

// key='B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8' in a script that runs gpg: the public key's fingerprint (or
// long key id) that every official image's RUN hands to `gpg --recv-keys`, not a secret.
bool isFingerprintForGpg(std::string_view value, std::string_view text)
{
    while (!value.empty() && (value.back() == ';' || value.back() == '\'' || value.back() == '"')) {
        value.remove_suffix(1);
    }
    while (!value.empty() && (value.front() == '\'' || value.front() == '"')) {
        value.remove_prefix(1);
    }
    const std::size_t digits =
        value.starts_with("0x") || value.starts_with("0X") ? value.size() - 2 : value.size();
    if (!isHexId(value) || (digits != 40 && digits != 16)) {
        return false;
    }
    for (std::size_t at = text.find("gpg"); at != std::string_view::npos; at = text.find("gpg", at + 3)) {
        const bool wordStart = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) ||
                                            text[at - 1] == '_' || text[at - 1] == '-');
        const char after = at + 3 < text.size() ? text[at + 3] : ' ';
        if (wordStart && (after == ' ' || after == '2' || after == 'v' || after == ';' || after == '\t')) {
            return true;
        }
    }
    return false;
}

// The names official images give the fingerprint they hand to gpg (key, GPG_KEYS, NODE_GPG_KEY, KEY_ID,
// …_FINGERPRINT): only under such a name is a 40- or 16-hex value exempted, never under a token's or a
// password's name that happens to share a RUN line with gpg.
bool isGpgKeyName(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "key" || lower == "keys" || lower == "key_id" || lower == "keyid" ||
           lower.ends_with("gpg_key") || lower.ends_with("gpg_keys") || lower.ends_with("fingerprint") ||
           lower.ends_with("gpg_key_id");
}

bool isAlreadyMasked(std::string_view v)
{
    return v.starts_with("******") || v == "<redacted>" ||
           runLength(v, 0, [](char c) { return c == '*'; }) == v.size();
}

// Why a value under a secret-looking name is plainly not a secret, or nullopt.
std::optional<std::string_view> harmlessValueReason(std::string_view value, std::string_view kind)
{
    const std::string_view v = trimmed(value);
    if (v.empty()) {
        return "an empty value";
    }
    if (iequalsAny(v, kInertWords)) {
        return "a boolean word";
    }
    if (isVariableReference(v)) {
        return "a reference to another variable";
    }
    if (isAlreadyMasked(v)) {
        return "an already masked value";
    }
    if (isPathLike(v) || v.starts_with("file:") || v.starts_with("@/")) {
        return "a file path";
    }
    // A password may be digits (a PIN, 123456); a token, key or secret is never a short number.
    if (isNumberOrDuration(v) && (kind != kPassword || !isShortNumber(v))) {
        return "a number or duration";
    }
    if (isHeaderName(v)) {
        return "an HTTP header name";
    }
    // REGISTRY_AUTH=htpasswd, POSTGRES_AUTH=scram-sha-256: a bare AUTH names a mechanism as often as it holds
    // a credential; a short lower-case word is the mechanism.
    if (kind == "auth" && v.size() <= 20 &&
        runLength(v, 0, [](char c) { return isLower(c) || isDigit(c) || c == '-'; }) == v.size()) {
        return "an authentication method name";
    }
    if (namesASecret(v)) {
        return "the name of a secret, not its value";
    }
    if (isHostName(v)) {
        return "a host name";
    }
    return std::nullopt;
}

std::string_view verdictName(SecretDetector::NameSignal signal)
{
    switch (signal) {
    case SecretDetector::NameSignal::Describes:
        return "the name describes a secret (its length, lifetime, name or id) rather than holding one";
    case SecretDetector::NameSignal::Exempt:
        return "the name points to a file or a public part";
    default:
        return "the name says nothing secret";
    }
}

SecretJudgement decide(SecretDetector::NameVerdict verdict, std::string_view value, bool scanValue,
                       SecretPlace where = SecretPlace::Env)
{
    using NameSignal = SecretDetector::NameSignal;
    SecretJudgement j;
    if (value.empty()) {
        j.reason = "an empty value";
        return j;
    }
    if (scanValue) {
        scanValuePatterns(value, [&](const ValueHit& hit) {
            // The AWS secret key has no prefix, only a shape: a name that says public, file or id wins over
            // it.
            if (hit.kind == "aws-secret-key" &&
                (verdict.signal == NameSignal::Exempt || verdict.signal == NameSignal::Describes)) {
                return true;
            }
            j.decision = SecretDecision::Secret;
            j.knownFormat = true;
            j.kind = std::string(hit.kind);
            j.reason = "known token format";
            return false;
        });
        if (j.masked()) {
            return j;
        }
    }
    if (verdict.signal == NameSignal::Strong) {
        if (const auto harmless = harmlessValueReason(value, verdict.kind)) {
            j.reason = std::string(*harmless);
            return j;
        }
        j.kind = std::string(verdict.kind);
        if (verdict.kind == kPassword && isShortNumber(trimmed(value))) {
            j.decision = SecretDecision::Maybe;
            j.reason = "a number under a password name: a PIN or a setting";
            return j;
        }
        j.decision = SecretDecision::Secret;
        j.reason = "secret-looking name";
        return j;
    }
    if ((verdict.signal == NameSignal::Weak || verdict.signal == NameSignal::Describes) &&
        !SecretDetector::isInertValue(value) && !isUuid(value) &&
        !(verdict.signal == NameSignal::Describes && isHexId(value)) && SecretDetector::looksRandom(value)) {
        j.decision = SecretDecision::Maybe;
        j.kind = std::string(kHighEntropy);
        j.reason = "random-looking value under a name that hints at a secret";
        return j;
    }
    // Driver options run words together (datadogkey, splunk-token): there a hint in the key and a value that
    // is plainly no setting is a maybe.
    if (where == SecretPlace::Option && verdict.signal == NameSignal::Weak && trimmed(value).size() >= 8 &&
        !harmlessValueReason(value, {}) && trimmed(value).find(' ') == std::string_view::npos) {
        j.decision = SecretDecision::Maybe;
        j.kind = "credential";
        j.reason = "an option key that hints at a secret";
        return j;
    }
    j.reason = std::string(verdictName(verdict.signal));
    return j;
}

// What the name and the value say together; scanValue false when the caller has scanned the value already.
std::optional<SecretMatch> judge(std::string_view name, SecretDetector::NameVerdict verdict,
                                 std::string_view value, bool scanValue, SecretPlace where = SecretPlace::Env)
{
    const SecretJudgement j = decide(verdict, value, scanValue, where);
    if (!j.masked()) {
        return std::nullopt;
    }
    SecretMatch m = SecretMatch::fromValue(name, j.kind, value, 0, value.size());
    m.reason = j.reason;
    m.decision = j.decision;
    m.knownFormat = j.knownFormat;
    return m;
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
        // The value of NAME=value runs to the next blank: a secret may hold ; & or |, and cutting it there
        // would show the rest (a Dockerfile ENV line is no shell).
        // A quoted value (NAME="a b c") is one word with its blanks; elsewhere quotes are dropped, not
        // grouped, so `sh -c "mysql -psecret"` is still read word by word.
        bool pair = false;
        while (i < t.size() && !isSpace(t[i]) && (pair || (t[i] != ';' && t[i] != '&' && t[i] != '|'))) {
            const bool startsPair = !pair && t[i] == '=' && !token.text.empty() &&
                                    token.text.front() != '-' && isVariableName(token.text);
            pair = pair || startsPair;
            if (pair && (t[i] == '"' || t[i] == '\'')) {
                const std::size_t close = t.find(t[i], i + 1);
                if (close != std::string_view::npos) {
                    token.text.append(t.substr(i + 1, close - i - 1));
                    i = close + 1;
                    continue;
                }
            }
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

// Clients whose password flag takes the next word: sqlcmd -U sa -P <pw> (SQL Server images' health checks),
// redis-cli -a <pw>, mongosh -u root -p <pw>.
struct PasswordFlag
{
    std::string_view program;
    std::string_view flag;
};
constexpr std::array kClientPasswordFlags{
    PasswordFlag{"sqlcmd", "-P"},    PasswordFlag{"bcp", "-P"},         PasswordFlag{"osql", "-P"},
    PasswordFlag{"redis-cli", "-a"}, PasswordFlag{"mongo", "-p"},       PasswordFlag{"mongosh", "-p"},
    PasswordFlag{"mongodump", "-p"}, PasswordFlag{"mongorestore", "-p"}};

// Which program the current command runs, for flags whose meaning depends on it (-p, -u).
struct CommandContext
{
    std::string_view passwordFlag; // the program's flag that takes a password as the next word
    bool mysql = false;
    bool curl = false;
    bool sshpass = false;
    bool docker = false;
    bool dockerLogin = false;
    bool netrc = false; // `machine HOST login USER password PASSWORD`, as written into ~/.netrc

    void note(std::string_view word)
    {
        netrc = netrc || word == "machine";
        const std::string_view program = basename(word);
        for (const auto& p : kClientPasswordFlags) {
            passwordFlag = passwordFlag.empty() && program == p.program ? p.flag : passwordFlag;
        }
        mysql = mysql || iequalsAny(program, kMysqlPrograms);
        curl = curl || program == "curl";
        sshpass = sshpass || program == "sshpass";
        dockerLogin = dockerLogin || (docker && word == "login");
        docker = docker || program == "docker";
    }
};

} // namespace

namespace {

// A match for a value of a known shape found with no name to go by.
SecretMatch knownFormatMatch(std::string_view kind, std::string_view value, std::size_t offset,
                             std::size_t length)
{
    SecretMatch m = SecretMatch::fromValue({}, kind, value, offset, length);
    m.knownFormat = true;
    m.reason = "known token format";
    return m;
}

} // namespace

SecretMatch SecretMatch::fromValue(std::string_view name, std::string_view kind, std::string_view value,
                                   std::size_t offset, std::size_t length)
{
    SecretMatch m;
    m.name = std::string(name);
    m.kind = std::string(kind);
    m.offset = offset;
    m.length = length;
    const std::string suffix = " (" + std::string(secretKindLabel(kind)) + ")";
    if (kind == kUrlCredentials && value.size() <= kMaxShownUrl) {
        m.masked = maskUrlCredentials(value) + suffix;
        // The user or host may repeat the password (admin:admin@); then show nothing of the URL.
        scanValuePatterns(value, [&](const ValueHit& hit) {
            const std::string_view password = value.substr(hit.secretBegin, hit.secretEnd - hit.secretBegin);
            if (hit.kind == kUrlCredentials && m.masked.find(password) != std::string::npos) {
                m.masked = maskSecret(value, kind);
                return false;
            }
            return true;
        });
    } else if (kind == kBasicAuth) {
        const std::size_t colon = value.find(':');
        const std::string_view user = value.substr(0, colon);
        const std::string_view password = colon == std::string_view::npos ? value : value.substr(colon + 1);
        m.masked = user.find(password) == std::string_view::npos
                       ? std::string(user) + ":" + maskSecret(password, kind)
                       : maskSecret(password, kind);
    } else {
        m.masked = maskSecret(value, kind);
    }
    if (!value.empty() && m.masked.find(value) != std::string::npos) { // e.g. a value of only '*'
        m.masked = maskSecret({}, kind);
    }
    return m;
}

std::string SecretMatch::describe() const
{
    if (name.empty()) {
        return masked;
    }
    const bool flag = name.front() == '-' || name.find(' ') != std::string::npos || name.back() == ':';
    return name + (flag ? " " : "=") + masked;
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
    // Long hostile names are judged by their first words only: a name is short in every real config.
    std::vector<std::string_view> tokens;
    forEachNameToken(name, [&](std::string_view token) {
        if (tokens.size() < 32) {
            tokens.push_back(token);
        }
    });
    bool exempt = false;
    bool switchWord = false;
    int bestRank = 0;
    std::string_view bestKind;
    bool weak = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string_view token = tokens[i];
        const std::string_view previous = i > 0 ? tokens[i - 1] : std::string_view();
        const bool last = i + 1 == tokens.size();
        // Run-together words (ADMINPASSWORD, CONTROLPASS, ACCESSTOKEN); "token" only as a suffix so
        // TOKENIZERS stays clear, "pass" only as a suffix and not in BYPASS or COMPASS.
        std::string lowerToken(token.substr(0, 64));
        for (char& c : lowerToken) {
            c = lower(c);
        }
        const auto runTogether = [&]() -> std::string_view {
            if (lowerToken.find("password") != std::string::npos ||
                lowerToken.find("passwd") != std::string::npos ||
                (lowerToken.size() > 4 && lowerToken.ends_with("pass") && !lowerToken.ends_with("bypass") &&
                 !lowerToken.ends_with("compass"))) {
                return kPassword;
            }
            if (lowerToken.find("secret") != std::string::npos) {
                return "secret";
            }
            if (lowerToken.find("apikey") != std::string::npos) {
                return "api-key";
            }
            if (lowerToken.find("credential") != std::string::npos) {
                return "credential";
            }
            if (lowerToken.size() > 5 && (lowerToken.ends_with("token") || lowerToken.ends_with("tokens")) &&
                !lowerToken.starts_with("token")) {
                return "token";
            }
            return {};
        }();
        if (!runTogether.empty() && 5 > bestRank) {
            bestRank = 5;
            bestKind = runTogether;
        }
        // A cookie or salt is the secret when it ends the name (RABBITMQ_ERLANG_COOKIE, WORDPRESS_AUTH_SALT);
        // elsewhere it names a setting (COOKIE_DOMAIN, SALT_ROUNDS).
        if (last && (iequals(token, "cookie") || iequals(token, "salt")) && 5 > bestRank) {
            bestRank = 5;
            bestKind = "secret";
        }
        exempt = exempt || iequalsAny(token, kExemptTokens);
        switchWord = switchWord || iequalsAny(token, kSwitchTokens);
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
            } else if (secret.token == "key" && iequals(previous, "site")) {
                exempt = true; // reCAPTCHA / Turnstile site keys are public by design
                continue;
            } else if (iequalsAny(token, kAmbiguousTokens) && i + 2 < tokens.size()) {
                weak = true; // GF_AUTH_ANONYMOUS_ORG_ROLE: "auth" far from the end names a feature
                continue;
            }
            if (rank > bestRank) {
                bestRank = rank;
                bestKind = kind;
            }
        }
    }
    if (exempt) {
        return {NameSignal::Exempt, {}};
    }
    if (bestRank > 0) {
        const auto isSecretToken = [](std::string_view t) {
            return std::any_of(kSecretTokens.begin(), kSecretTokens.end(),
                               [&](const SecretToken& s) { return iequals(t, s.token); });
        };
        // PASSWORD_MIN_LENGTH, TOKEN_TTL_SECONDS, SECRET_NAME: a descriptor word ends the name (or comes just
        // before a last word that is no secret word).
        const bool describes =
            switchWord || (!tokens.empty() && iequalsAny(tokens.back(), kDescriptorTokens)) ||
            (tokens.size() >= 3 && iequalsAny(tokens[tokens.size() - 2], kDescriptorTokens) &&
             !isSecretToken(tokens.back()));
        if (describes) {
            return {NameSignal::Describes, {}};
        }
        return {NameSignal::Strong, bestKind};
    }
    if (weak) {
        return {NameSignal::Weak, {}};
    }
    std::string lowerName(name.substr(0, 256));
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

SecretJudgement SecretDetector::classify(std::string_view name, std::string_view value, SecretPlace where)
{
    return decide(where == SecretPlace::Flag ? classifyFlag(name) : classifyName(name), value, true, where);
}

std::optional<SecretMatch> SecretDetector::inspectVariable(std::string_view name, std::string_view value,
                                                           SecretPlace where) const
{
    return judge(name, where == SecretPlace::Flag ? classifyFlag(name) : classifyName(name), value, true,
                 where);
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
            // "Authorization: Bearer <token>", "-u user:pw" for Basic: the scheme word announces a
            // credential.
            if ((iequals(word, "bearer") || iequals(word, "basic")) && nextIsValue) {
                if (add(word, judge(word, {NameSignal::Strong, "token"}, next->text, true), *next)) {
                    ++k;
                }
                continue;
            }
            // "X-Auth-Token: <value>", "Private-Token: <value>": a header line whose name says secret.
            if (word.size() > 1 && word.back() == ':' && nextIsValue) {
                const NameVerdict verdict = classifyName(word.substr(0, word.size() - 1));
                if (verdict.signal == NameSignal::Strong &&
                    add(word, judge(word, verdict, next->text, true), *next)) {
                    ++k;
                    continue;
                }
            }
            if (command.netrc && (word == "password" || word == "passwd") && nextIsValue) {
                if (password(word, next->text, *next)) {
                    ++k;
                }
                continue;
            }
            if (isPair(word)) {
                const std::string_view name = word.substr(0, word.find('='));
                if (!isGpgKeyName(name) || !isFingerprintForGpg(word.substr(name.size() + 1), text)) {
                    add(name, inspectVariable(name, word.substr(name.size() + 1)), token);
                }
                continue;
            }
            command.note(word);
            scanValuePatterns(word, [&](const ValueHit& hit) {
                out.push_back(knownFormatMatch(hit.kind, word, token.offset, token.length));
                return false;
            });
            continue;
        }

        // Flags whose meaning depends on the program: mysql -p<pw>, sshpass -p, docker login -p, curl -u.
        if ((command.mysql || command.sshpass) && word.size() > 2 && word[1] == 'p') {
            password("-p", word.substr(2), token);
            continue;
        }
        if (!command.passwordFlag.empty() && word == command.passwordFlag) {
            if (nextIsValue && password(word, next->text, *next)) {
                ++k;
            }
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
        out.push_back(knownFormatMatch(hit.kind, text.substr(hit.begin, hit.end - hit.begin), hit.begin,
                                       hit.end - hit.begin));
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

std::vector<SecretSpan> findSecretSpans(std::string_view text)
{
    std::vector<SecretSpan> spans;
    // Multi-word shapes (PEM blocks) and the secret part of URL credentials and connection strings.
    scanValuePatterns(text, [&](const ValueHit& hit) {
        spans.push_back({hit.secretBegin, hit.secretEnd, std::string(hit.kind)});
        return true;
    });
    // Flags, pairs and bare tokens of a command line: the value only, so the flag or NAME= still reads.
    static const SecretDetector detector;
    for (const auto& m : detector.inspectText(text)) {
        // The scan above found the exact token (and only a URL's or connection string's password); a secret
        // name still hides all of its value.
        if (m.knownFormat &&
            (m.kind == kUrlCredentials || m.kind == kConnectionString ||
             SecretDetector::classifyName(m.name).signal != SecretDetector::NameSignal::Strong)) {
            continue;
        }
        std::size_t begin = m.offset;
        const std::size_t end = std::min(text.size(), m.offset + m.length);
        // A quoted pair ("PASSWORD=…" as a compose list item) starts at its quote: the name after it stays.
        std::size_t nameAt = begin;
        while (nameAt < end && (text[nameAt] == '"' || text[nameAt] == '\'')) {
            ++nameAt;
        }
        // A header or YAML line's name keeps its colon ("API_TOKEN:"), which a quoted key has after its
        // quote.
        std::string_view name = m.name;
        if (name.size() > 1 && name.back() == ':') {
            name.remove_suffix(1);
        }
        if (!name.empty() && text.substr(nameAt, name.size()) == name) {
            begin = nameAt + name.size();
            while (begin < end && (text[begin] == '=' || isSpace(text[begin]) || text[begin] == ':' ||
                                   text[begin] == '"' || text[begin] == '\'')) {
                ++begin;
            }
        }
        if (m.kind == kBasicAuth) { // user:password, the user stays
            const std::size_t space = text.substr(begin, end - begin).find_last_of(" \t");
            const std::size_t word = space == std::string_view::npos ? begin : begin + space + 1;
            const std::size_t colon = text.find(':', word);
            if (colon != std::string_view::npos && colon < end) {
                begin = colon + 1;
            }
        }
        std::size_t stop = end;
        while (stop > begin && (text[stop - 1] == '"' || text[stop - 1] == '\'')) {
            --stop; // the closing quote of "Bearer <token>" is not part of the token
        }
        if (begin < stop) {
            spans.push_back({begin, stop, m.kind});
        }
    }
    // "x onerror=alert(1)>_TOKEN=s3cret": assignments hidden inside other text.
    // The assignments inside one value share its end (a=b=c=…), so each is judged on at most a bounded head:
    // token shapes anywhere were found by the scan above, and no harmless value (a number, a path, a header
    // name) is that long. This keeps hostile input linear.
    constexpr std::size_t kJudgedHead = 256;
    for (const auto& a : embeddedAssignments(text)) {
        const std::string_view value = text.substr(a.valueBegin, a.valueEnd - a.valueBegin);
        SecretJudgement j;
        if (value.size() > kJudgedHead) {
            const SecretDetector::NameVerdict verdict = SecretDetector::classifyName(a.name);
            if (verdict.signal == SecretDetector::NameSignal::Strong) {
                j.decision = SecretDecision::Secret;
                j.kind = std::string(verdict.kind);
            }
        } else {
            j = SecretDetector::classify(a.name, value, SecretPlace::Text);
        }
        if (j.masked() && !(j.knownFormat && (j.kind == kUrlCredentials || j.kind == kConnectionString))) {
            spans.push_back({a.valueBegin, a.valueEnd, j.kind});
        }
    }
    // Stable: of two spans that start together, the value scan's (a URL's or connection string's password
    // shown as bare stars) comes first and names the merged span.
    std::stable_sort(spans.begin(), spans.end(),
                     [](const SecretSpan& a, const SecretSpan& b) { return a.begin < b.begin; });
    std::vector<SecretSpan> merged;
    for (auto& s : spans) {
        if (!merged.empty() && s.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, s.end);
        } else {
            merged.push_back(std::move(s));
        }
    }
    return merged;
}

} // namespace drydock
