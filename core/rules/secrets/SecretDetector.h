#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One secret found in a variable, a command line or a document. It never holds the secret itself: only the
// name it was found under, what it looks like, the value's masked form and where it sat in the input.
struct SecretMatch
{
    std::string name; // "DB_PASSWORD", "--password", "-p", "curl -u"; empty when only the value gave it away
    std::string kind; // "password", "token", "aws-access-key", "private-key", "jwt", "url-credentials", …
    std::string masked; // the value as SecretMasker shows it, e.g. "hu*****"
    std::size_t offset =
        0; // where the matched text (pair, flag and value, or bare value) starts in the input
    std::size_t length = 0; // how many bytes of the input it covers

    // Builds a match from the raw value, which is masked here and then forgotten.
    static SecretMatch fromValue(std::string_view name, std::string_view kind, std::string_view value,
                                 std::size_t offset, std::size_t length);
    // What a person reads: "DB_PASSWORD=hu***** (password)", "--token ab****** (token)", "gh********
    // (github-token)".
    std::string describe() const;
    // The name, or the kind when there is no name: what tells two secrets of one object apart.
    std::string label() const;
};

// Decides whether a name/value pair, a command line or a config document carries a secret (catalogue B.1).
// Hand-written scanners, no regular expressions: this runs over every variable of every container.
class SecretDetector
{
public:
    // How much a variable name alone says about its value.
    enum class NameSignal
    {
        None,   // nothing secret about it
        Weak,   // secret-ish substring only (MONKEY, ACCESS_LOG): needs a random-looking value to count
        Strong, // an exact B.1 name or a secret token (DB_PASSWORD, api-key)
        Exempt  // names a public part or a pointer (PUBLIC_KEY, *_FILE, PASSWORD_PATH, GPG_KEY)
    };
    struct NameVerdict
    {
        NameSignal signal = NameSignal::None;
        std::string_view kind; // set for Strong
    };

    // NAME=value as in Config.Env, labels or options. Empty values are never secrets.
    std::optional<SecretMatch> inspectVariable(std::string_view name, std::string_view value) const;
    // A history line or a command line: NAME=value pairs, `|N NAME=value` build args, secret flags
    // (--password=…, --token …), mysql -p<value>, curl -u user:pass, and bare values of a known shape.
    std::vector<SecretMatch> inspectText(std::string_view text) const;
    // A config file's content (.env, properties, YAML, JSON, PEM): `key=value` / `key: value` pairs with a
    // secret name, and values of a known shape anywhere.
    std::vector<SecretMatch> inspectDocument(std::string_view text) const;

    static NameVerdict classifyName(std::string_view name);
    // The kind of the first known-shape secret (AWS key, private key, tokens, JWT, URL credentials) in text.
    static std::optional<std::string_view> valueKind(std::string_view text);
    // Values that are never a secret whatever the name: empty, booleans, $VAR references, file paths.
    static bool isInertValue(std::string_view value);
    // A long, mixed, high-entropy value such as a generated key (used only with a weak name signal).
    static bool looksRandom(std::string_view value);
    static double shannonEntropy(std::string_view text);
};

} // namespace drydock
