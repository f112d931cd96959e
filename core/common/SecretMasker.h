#pragma once
#include <string>
#include <string_view>

namespace drydock {

// Masks a secret value for display: keeps at most the first two characters, e.g. "hunter2" -> "hu*****".
// Short values (< 6) become "****" so nothing of them is revealed. Never returns the value itself.
std::string maskSecret(std::string_view value);
// Masks the password part of URL credentials "scheme://user:pass@host" anywhere in text.
std::string maskUrlCredentials(std::string_view text);

} // namespace drydock
