#pragma once
#include "core/model/Common.h"

#include <string>
#include <string_view>

namespace drydock::json::detail {

// Decides what the inventory export must not show in clear text. Deliberately broad ("when in doubt,
// mask"): a masked harmless value costs a person a second look, a leaked password cannot be taken back.
// The rules keep their own, finer detectors for findings; this one only guards output.

// A name (env var, label key, option key, flag) whose parts say it holds a secret: split on _ - . and
// camelCase; password, passwd, pwd, pass, secret, token, apikey, key, credential(s), auth, private, …
bool looksSecretName(std::string_view name);
// A value that is a secret whatever its name: PEM blocks, AWS key ids, JWTs, well-known token prefixes,
// URL credentials.
bool looksSecretValue(std::string_view value);

// One value under a name: masked whole when either looks secret, URL passwords masked in anything else.
std::string maskNamedValue(std::string_view name, std::string_view value);
// Values after secret-looking NAME= anywhere in text ("x onerror=alert(1)>_TOKEN=s3cret"), masked in place.
std::string maskEmbeddedAssignments(std::string_view text);
// "NAME=value" as in Config.Env.
std::string maskEnvEntry(std::string_view entry);
StringList maskEnv(const StringList& env);
// Labels, volume/log/network/driver options: each value by its key; option values that are themselves
// "k=v,k=v" lists (mount -o style) are masked pair by pair.
StringMap maskMap(const StringMap& map);
// Command words (Cmd, Entrypoint, Args): URL credentials, --password=x, --token x, NAME=secret words.
StringList maskArgs(const StringList& args);
// Free text such as a history CreatedBy ("|1 BUILD_TOKEN=abc /bin/sh -c …") or an error message.
std::string maskText(std::string_view text);

} // namespace drydock::json::detail
