#pragma once
#include "core/model/Common.h"

#include <string>
#include <string_view>

namespace drydock::json::detail {

// What the inventory export shows of values that may hold secrets. It decides nothing itself: every value
// is judged by core/secrets/SecretDetector, the same classifier the rules and generated commands use.

// One value under a name: shown, or masked as the classifier decides.
std::string maskNamedValue(std::string_view name, std::string_view value);
// "NAME=value" as in Config.Env.
std::string maskEnvEntry(std::string_view entry);
StringList maskEnv(const StringList& env);
// Labels, volume/log/network/driver options: each value by its key; secrets inside other values
// ("username=bob,password=s3cret") are masked in place.
StringMap maskMap(const StringMap& map);
// Command words (Cmd, Entrypoint, Args): URL credentials, --password=x, --token x, NAME=secret words.
StringList maskArgs(const StringList& args);
// Free text such as a history CreatedBy ("|1 BUILD_TOKEN=abc /bin/sh -c …") or an error message.
std::string maskText(std::string_view text);

} // namespace drydock::json::detail
