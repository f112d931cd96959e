// Network list and inspect answers -> model.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

namespace {

constexpr std::string_view kNetworkKind = "network inspect";

Network readNetwork(const Json& j)
{
    Network n;
    n.id = str(j, "Id");
    n.name = str(j, "Name");
    n.created = str(j, "Created");
    n.driver = str(j, "Driver");
    n.scope = str(j, "Scope");
    n.internal = boolean(j, "Internal");
    n.attachable = boolean(j, "Attachable");
    n.ingress = boolean(j, "Ingress");
    n.enableIPv6 = boolean(j, "EnableIPv6");
    n.options = stringMap(j, "Options");
    n.labels = stringMap(j, "Labels");
    if (const Json* ipam = object(j, "IPAM")) {
        if (const Json* configs = array(*ipam, "Config")) {
            for (const auto& c : *configs) {
                if (!c.is_object()) {
                    continue;
                }
                n.ipam.push_back(IpamConfig{str(c, "Subnet"), str(c, "Gateway"), str(c, "IPRange")});
            }
        }
    }
    if (const Json* members = object(j, "Containers")) {
        for (const auto& [id, m] : members->items()) {
            if (!m.is_object()) {
                continue;
            }
            n.containers.push_back(
                NetworkMember{id, str(m, "Name"), str(m, "IPv4Address"), str(m, "IPv6Address")});
        }
    }
    return n;
}

} // namespace

Result<std::vector<Network>> parseNetworks(std::string_view body)
{
    constexpr std::string_view kind = "network list";
    return guarded(kind, [&]() -> Result<std::vector<Network>> {
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<Network> out;
        for (const auto& n : *doc) {
            if (n.is_object()) {
                out.push_back(readNetwork(n));
            }
        }
        return out;
    });
}

Result<Network> parseNetwork(std::string_view body)
{
    return guarded(kNetworkKind, [&]() -> Result<Network> {
        auto doc = parseDocument(body, kNetworkKind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        return readNetwork(*doc);
    });
}

} // namespace drydock::json
