#pragma once
#include "core/hardening/CreateBody.h"
#include "core/json/detail/JsonAccess.h"

#include <string>
#include <string_view>
#include <vector>

// The two halves of building a create body share these: the edits (CreateBodyEdits.cpp) and the copy of the
// original's inspect (CreateBody.cpp). Internal to core/hardening: it speaks nlohmann's JSON.
namespace drydock::json::bodyparts {

using detail::Json;

inline constexpr std::string_view kSecretsDir = "/run/secrets";

// parent[key] as an array (made one when it is missing or of another type).
Json& arrayAt(Json& parent, const char* key);
// A JSON string's text; "" for anything else.
std::string str(const Json& j);
// The container path of a HostConfig.Binds entry "src:dst[:mode]".
std::string bindTarget(const std::string& bind);
// The same bind entry mounted read-only.
std::string readOnlyBind(const std::string& bind);

// Applies the chosen edits to a create body's Config and HostConfig; an edit it cannot apply is listed in
// out.unsupported (a person must do it). Secret files go to out.secretFiles.
void applyEdits(Json& config, Json& host, CreateBody& out, const std::vector<RunEdit>& edits);

} // namespace drydock::json::bodyparts
