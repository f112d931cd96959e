#include "core/json/JsonLibraryVersion.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

std::string libraryVersion()
{
    return std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
           "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH);
}

} // namespace drydock::json
