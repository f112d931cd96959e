#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}` replaced as the builder
// does in FROM, ENV, USER, WORKDIR, …; single-quoted text and escaped `$` stay as they are. Names without a
// value become empty (or, with keepUnset, stay as written: the base image may set them) and are appended to
// *unset.
std::string substituteVariables(std::string_view text, const std::map<std::string, std::string>& values,
                                char escape = '\\', std::vector<std::string>* unset = nullptr,
                                bool keepUnset = false);

// A JSON array of strings (`["nginx", "-g", "daemon off;"]`), or nullopt when text is anything else.
std::optional<std::vector<std::string>> parseJsonStringArray(std::string_view text);

} // namespace drydock
