#pragma once
#include "core/json/detail/JsonAccess.h"
#include "core/model/Common.h"

namespace drydock::json::detail {

// The Config object shared by image and container inspects (§0.1.7); j may be null or of any type.
ContainerConfig readContainerConfig(const Json& j);

} // namespace drydock::json::detail
