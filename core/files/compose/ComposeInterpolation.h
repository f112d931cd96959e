#pragma once
#include "core/common/Result.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// The value of a variable, or nullopt when it is not set (set-but-empty is "").
using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

// A text after interpolation, and the variables it used that were not set (each once, in order).
struct Interpolated
{
    std::string text;
    std::vector<std::string> unset; // read as empty: a plain $VAR or ${VAR} with nothing set
};

// Compose's interpolation of one value: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
// ${VAR?error}, ${VAR:+replacement}, ${VAR+replacement} (defaults and replacements may hold variables
// themselves) and $$ for a literal $. A `$` before anything else stays as it is. A required variable that is
// missing, or a `${` that is not closed or names no variable, is an Error saying which.
Result<Interpolated> interpolate(std::string_view text, const VariableLookup& lookup);

// One assignment of a .env or env_file file.
struct EnvFileEntry
{
    std::string name;
    std::optional<std::string> value; // nullopt for a bare NAME (taken from the environment, if set)
    int line = 0;                     // from 1
};

// Parses the .env format Compose reads: NAME=value lines, `export ` prefixes, # comments (whole lines, and
// after a space in unquoted values), 'single quotes' taken literally, "double quotes" with the escapes \n \t
// \" and a doubled backslash escapes and values over several lines; unquoted and double-quoted values are
// interpolated with lookup (the entries above in the same file come first). A line that is no assignment is
// an Error naming it.
Result<std::vector<EnvFileEntry>> parseEnvFile(std::string_view text, const VariableLookup& lookup);

} // namespace drydock
