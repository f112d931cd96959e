#include "core/docker/EndpointListJson.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

std::string text(const nlohmann::json& o, const char* key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string savedEndpointsToJson(const std::vector<SavedEndpoint>& endpoints)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : endpoints) {
        nlohmann::ordered_json j;
        j["name"] = e.name;
        auto put = [&j](const char* key, const std::string& value) {
            if (!value.empty()) {
                j[key] = value;
            }
        };
        put("host", e.host);
        put("context", e.context);
        put("tlsCaFile", e.caFile);
        put("tlsCertFile", e.certFile);
        put("tlsKeyFile", e.keyFile);
        if (!e.tlsVerify) {
            j["tlsVerify"] = false;
        }
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json root;
    root["version"] = 1;
    root["endpoints"] = std::move(list);
    return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Result<std::vector<SavedEndpoint>> savedEndpointsFromJson(const std::string& input, const std::string& file)
{
    const auto root = nlohmann::json::parse(input, nullptr, false);
    if (root.is_discarded() || !root.is_object() || !root.contains("endpoints") ||
        !root["endpoints"].is_array()) {
        return Error::make(ErrorCode::MalformedResponse,
                           "The saved endpoint list " + file +
                               " is not valid JSON of the expected shape — fix or remove the file (it only "
                               "holds addresses and certificate paths).");
    }
    if (root.contains("version") && root["version"].is_number_integer() && root["version"].get<int>() > 1) {
        return Error::make(ErrorCode::MalformedResponse,
                           "The saved endpoint list " + file +
                               " was written by a newer Drydock; update Drydock.");
    }
    std::vector<SavedEndpoint> out;
    for (const auto& o : root["endpoints"]) {
        if (!o.is_object()) {
            continue;
        }
        SavedEndpoint e;
        e.name = text(o, "name");
        e.host = text(o, "host");
        e.context = text(o, "context");
        e.caFile = text(o, "tlsCaFile");
        e.certFile = text(o, "tlsCertFile");
        e.keyFile = text(o, "tlsKeyFile");
        const auto v = o.find("tlsVerify");
        e.tlsVerify = !(v != o.end() && v->is_boolean() && !v->get<bool>());
        if (!e.name.empty() && (!e.host.empty() || !e.context.empty())) {
            out.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace drydock::json
