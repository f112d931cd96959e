#pragma once
#include "core/model/Common.h"

#include <string>
#include <string_view>

namespace drydock {

// What a redacted value is replaced with in generated commands and snippets.
inline constexpr std::string_view kRedactedPlaceholder = "<redacted>";
// The note a rebuilt command carries while it still holds a placeholder.
inline constexpr std::string_view kRedactionNote =
    "Secret values were replaced by <redacted>: supply them from files (NAME_FILE=/run/secrets/name) "
    "instead of typing them into the command.";

// Keeps secrets out of generated commands and snippets by replacing them with the placeholder. It decides
// nothing itself: every decision is core/secrets/SecretDetector's, so a command hides exactly what the
// findings and the inventory export mask.
struct SecretLikeness
{
    // A name the classifier reads as holding a secret (DB_PASSWORD, api-key); *_FILE, *_PATH, *_LENGTH are
    // not.
    static bool isSecretName(std::string_view name);
    // True when text holds a private key, a cloud or forge token, a JWT or URL credentials.
    static bool hasSecretValue(std::string_view text);
    // Replaces every detected secret inside text (URL passwords, tokens, keys) by the placeholder.
    static std::string redactValues(std::string_view text);
    // "NAME=value" with the value replaced when the name or the value looks secret; "NAME" stays as it is.
    static std::string redactAssignment(std::string_view entry);
    // A key/value pair (labels, log options): the value when the key looks secret, else its secret parts.
    static std::string redactValueOf(std::string_view key, std::string_view value);
    // Process arguments: --password=x, --token x, NAME=value, mysql -px and secret values anywhere.
    static StringList redactArgs(const StringList& args);
};

} // namespace drydock
