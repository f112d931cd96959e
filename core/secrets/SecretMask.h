#pragma once
#include "core/secrets/SecretDetector.h"

#include <string>
#include <string_view>

namespace drydock {

// How a secret looks in every output: stars, the length class and the kind, never a character of the
// value: "****** (40 chars, AWS secret key)", "****** (8-15 chars, password)". Known token formats show their
// exact length (it is part of the public format); other values only a class, which does not help guessing.
std::string maskSecret(std::string_view value, std::string_view kind = {});
// "GitHub token", "password", "URL with password" for a kind such as "github-token".
std::string_view secretKindLabel(std::string_view kind);

// A value under a name as outputs show it: the value itself when the classifier says it is no secret
// (secrets inside it still masked), else masked; URL credentials and connection strings keep everything
// but the password.
std::string maskedValue(std::string_view name, std::string_view value, SecretPlace where = SecretPlace::Env);
// Free text (a command line, a history step, an error) with every secret in it masked in place.
std::string maskSecretsInText(std::string_view text);
// The same with a fixed placeholder, for generated commands a person completes ("<redacted>").
std::string replaceSecretsInText(std::string_view text, std::string_view placeholder);

} // namespace drydock
