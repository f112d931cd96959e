#pragma once
#include "core/common/Result.h"
#include "core/docker/EndpointStore.h"

#include <string>
#include <vector>

namespace drydock::json {

// endpoints.json: { "version": 1, "endpoints": [ { "name", "host", "context", "tlsCaFile", "tlsCertFile",
// "tlsKeyFile", "tlsVerify" } ] } — empty fields are left out.
std::string savedEndpointsToJson(const std::vector<SavedEndpoint>& endpoints);
Result<std::vector<SavedEndpoint>> savedEndpointsFromJson(const std::string& text,
                                                          const std::string& fileForMessages);

} // namespace drydock::json
