#pragma once
#include "core/json/detail/JsonAccess.h"
#include "core/model/Container.h"

namespace drydock::json::detail {

// HostConfig of a container inspect (§0.1.2–4, 9, 10); j may be null or of any type.
HostConfig readHostConfig(const Json& j);
// A PortMap ({"80/tcp": [{HostIp, HostPort}] | null}) as used by HostConfig.PortBindings and
// NetworkSettings.Ports; a null entry is an exposed port with no binding.
std::vector<PortMapping> readPortMap(const Json* map);

} // namespace drydock::json::detail
