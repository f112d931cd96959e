#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// What the classifier decided about one value. Secret and Maybe are masked in every output; NotSecret is
// shown as it is and raises no finding.
enum class SecretDecision
{
    NotSecret,
    Maybe,  // masked, low-severity finding: a random-looking value under a name that only hints at a secret
    Secret, // masked, finding: a known token format, or a secret-looking name with an unremarkable value
};

// Where a name/value pair was found. Flags read a few program-specific names (redis --requirepass).
enum class SecretPlace
{
    Env,
    Label,
    Option, // log, volume, network and driver options
    Flag,   // a command-line flag and its value
    Text,   // a word of free text with no name
};

// The classifier's answer for one (name, value, where): the decision, the kind of secret and why.
struct SecretJudgement
{
    SecretDecision decision = SecretDecision::NotSecret;
    bool knownFormat = false; // the value itself has a known token shape (AWS key, GitHub token, JWT …)
    std::string kind;         // "password", "aws-access-key", …; empty for NotSecret
    std::string reason;       // for people: "known token format", "a file path", "secret-looking name" …

    bool masked() const { return decision != SecretDecision::NotSecret; }
};

// One secret found in a variable, a command line or a document. It never holds the secret itself: only the
// name it was found under, what it looks like, the value's masked form and where it sat in the input.
struct SecretMatch
{
    std::string name; // "DB_PASSWORD", "--password", "-p", "curl -u"; empty when only the value gave it away
    std::string kind; // "password", "token", "aws-access-key", "private-key", "jwt", "url-credentials", …
    std::string masked; // the value as maskSecret shows it: "****** (8-15 chars, password)"
    std::string reason; // why the classifier decided so
    SecretDecision decision = SecretDecision::Secret;
    bool knownFormat = false;
    std::size_t offset =
        0; // where the matched text (pair, flag and value, or bare value) starts in the input
    std::size_t length = 0; // how many bytes of the input it covers

    // Builds a match from the raw value, which is masked here and then forgotten.
    static SecretMatch fromValue(std::string_view name, std::string_view kind, std::string_view value,
                                 std::size_t offset, std::size_t length);
    // What a person reads: "DB_PASSWORD=****** (8-15 chars, password)", "--token ****** (16-31 chars,
    // token)", "****** (40 chars, GitHub token)".
    std::string describe() const;
    // The name, or the kind when there is no name: what tells two secrets of one object apart.
    std::string label() const;
};

// The one place that decides whether a value is a secret (issue #17): rules, evidence, generated commands and
// snippets, the inventory export, reports, the history and the GUI all ask it, and nothing else decides.
// Name and value are read together: a known token format is a secret whatever its name; a secret-looking
// name is a secret unless its value plainly is not one (a number, a duration, a boolean, a path, a header
// name, a variable reference, the name of a secret); entropy decides what the name only hints at.
// Hand-written scanners, no regular expressions: this runs over every variable of every container.
class SecretDetector
{
public:
    // How much a variable name alone says about its value.
    enum class NameSignal
    {
        None,      // nothing secret about it
        Weak,      // secret-ish substring only (MONKEY, ACCESS_LOG): needs a random-looking value to count
        Describes, // talks about a secret without holding it (PASSWORD_MIN_LENGTH, SECRET_NAME, TOKEN_TTL)
        Strong,    // an exact B.1 name or a secret token (DB_PASSWORD, api-key)
        Exempt     // names a public part or a pointer (PUBLIC_KEY, *_FILE, PASSWORD_PATH, GPG_KEY)
    };
    // What a name alone says about its value, and the kind of secret when it says Strong.
    struct NameVerdict
    {
        NameSignal signal = NameSignal::None;
        std::string_view kind; // set for Strong
    };

    // The decision for one name/value pair (the name may be empty).
    static SecretJudgement classify(std::string_view name, std::string_view value,
                                    SecretPlace where = SecretPlace::Env);

    // NAME=value as in Config.Env, labels or options: a match when the value is to be masked.
    std::optional<SecretMatch> inspectVariable(std::string_view name, std::string_view value,
                                               SecretPlace where = SecretPlace::Env) const;
    // A history line or a command line: NAME=value pairs, `|N NAME=value` build args, secret flags
    // (--password=…, --token …), mysql -p<value>, curl -u user:pass, Bearer tokens and bare values of a
    // known shape.
    std::vector<SecretMatch> inspectText(std::string_view text) const;
    // A config file's content (.env, properties, YAML, JSON, PEM): `key=value` / `key: value` pairs with a
    // secret name, and values of a known shape anywhere.
    std::vector<SecretMatch> inspectDocument(std::string_view text) const;

    static NameVerdict classifyName(std::string_view name);
    // The kind of the first known-shape secret (AWS key, private key, tokens, JWT, URL credentials) in text.
    static std::optional<std::string_view> valueKind(std::string_view text);
    // Values that are never a secret whatever the name: empty, booleans, $VAR references, file paths.
    static bool isInertValue(std::string_view value);
    // A long, mixed, high-entropy value such as a generated key.
    static bool looksRandom(std::string_view value);
    static double shannonEntropy(std::string_view text);
};

// Where one secret sits inside a longer text: [begin, end) is what must not show (a URL's password only,
// a flag's value without the flag).
struct SecretSpan
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string kind;
};
// Every secret inside free text (a command line, a history step, an option list, an error message), in
// order and without overlaps.
std::vector<SecretSpan> findSecretSpans(std::string_view text);

} // namespace drydock
