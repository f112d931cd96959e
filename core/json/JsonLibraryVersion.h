#pragma once
#include <string>

namespace drydock::json {

// The nlohmann/json version compiled in ("3.11.2"): the library is header-only, so this is what runs.
std::string libraryVersion();

} // namespace drydock::json
