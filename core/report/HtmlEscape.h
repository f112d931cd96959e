#pragma once
#include <string>
#include <string_view>

namespace drydock {

// Escapes text for HTML element content and quoted attribute values (& < > " '), and replaces control
// characters and invalid UTF-8 so nothing from the daemon can open a tag, an attribute or a script.
std::string htmlEscape(std::string_view text);

} // namespace drydock
