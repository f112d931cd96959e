#pragma once
#include <string>

namespace drydock::json {

// The version of the JSON library compiled in ("3.11.2"): it is header-only, so this is what runs.
std::string libraryVersion();

} // namespace drydock::json
