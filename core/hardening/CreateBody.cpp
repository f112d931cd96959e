#include "core/hardening/CreateBody.h"

#include "core/common/Strings.h"
#include "core/hardening/detail/CreateBodyEdits.h"
#include "core/json/detail/JsonAccess.h"

#include <set>

namespace drydock::json {

using namespace bodyparts;

namespace {

constexpr std::string_view kKind = "container inspect";

// Aliases the daemon adds itself (short id, hostname) would be wrong on a new container.
Json endpointConfig(const Json& endpoint, const std::string& containerId, const std::string& hostname,
                    bool trial)
{
    Json out = Json::object();
    if (!trial) {
        Json aliases = Json::array();
        for (const auto& a : endpoint.value("Aliases", Json::array())) {
            const std::string alias = str(a);
            if (!alias.empty() && !startsWith(containerId, alias) && alias != hostname) {
                aliases.push_back(alias);
            }
        }
        if (!aliases.empty()) {
            out["Aliases"] = aliases;
        }
        if (endpoint.contains("IPAMConfig") && endpoint["IPAMConfig"].is_object()) {
            out["IPAMConfig"] = endpoint["IPAMConfig"];
        }
    }
    if (endpoint.contains("Links") && endpoint["Links"].is_array()) {
        out["Links"] = endpoint["Links"];
    }
    return out;
}

} // namespace

Result<CreateBody> buildCreateBody(std::string_view inspectBody, const std::vector<RunEdit>& edits,
                                   const CreateBodyOptions& options)
{
    return detail::guarded(kKind, [&]() -> Result<CreateBody> {
        auto doc = detail::parseDocument(inspectBody, kKind, detail::TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& inspect = doc.value();
        CreateBody out;
        Json config = inspect.value("Config", Json::object());
        Json host = inspect.value("HostConfig", Json::object());
        if (!config.is_object() || !host.is_object()) {
            return detail::malformed(kKind, "Config or HostConfig is not an object");
        }
        const std::string id = str(inspect.value("Id", Json()));
        const std::string hostname = str(config.value("Hostname", Json()));
        // The default hostname is the old container's short id: the new one gets its own.
        if (!hostname.empty() && startsWith(id, hostname)) {
            config.erase("Hostname");
        }
        if (options.trial) {
            config.erase("Hostname");
            config.erase("MacAddress");
        }
        if (!options.imageOverride.empty()) {
            config["Image"] = options.imageOverride;
        }
        out.imageRef = str(config.value("Image", Json()));

        // Anonymous volumes (an image VOLUME, or -v /path) are reattached by name so their data stays.
        std::set<std::string> targets;
        for (const auto& b : host.value("Binds", Json::array())) {
            targets.insert(bindTarget(str(b)));
        }
        for (const auto& m : host.value("Mounts", Json::array())) {
            if (m.is_object()) {
                targets.insert(str(m.value("Target", Json())));
            }
        }
        for (const auto& m : inspect.value("Mounts", Json::array())) {
            if (!m.is_object() || str(m.value("Type", Json())) != "volume") {
                continue;
            }
            const std::string dest = str(m.value("Destination", Json()));
            const std::string name = str(m.value("Name", Json()));
            if (name.empty() || dest.empty() || targets.count(dest) > 0) {
                continue;
            }
            arrayAt(host, "Mounts")
                .push_back({{"Type", "volume"},
                            {"Source", name},
                            {"Target", dest},
                            {"ReadOnly", !m.value("RW", true)}});
            targets.insert(dest);
        }

        applyEdits(config, host, out, edits);

        if (options.trial) {
            host["PortBindings"] = Json::object();
            host["PublishAllPorts"] = false;
            host["RestartPolicy"] = {{"Name", "no"}, {"MaximumRetryCount", 0}};
            host["AutoRemove"] = false;
            Json binds = Json::array();
            for (const auto& b : host.value("Binds", Json::array())) {
                binds.push_back(readOnlyBind(str(b)));
            }
            host["Binds"] = binds;
            for (auto& m : arrayAt(host, "Mounts")) {
                if (m.is_object() && str(m.value("Type", Json())) != "tmpfs" &&
                    str(m.value("Target", Json())) != kSecretsDir) {
                    m["ReadOnly"] = true;
                }
            }
            out.notes.push_back(
                "The trial publishes no ports and mounts volumes and bind mounts read-only, so "
                "the original's data cannot change; an application that must write to them may "
                "fail the trial although it would run once applied.");
        }

        // Networks: the one of NetworkMode goes into the create body, others are connected afterwards.
        Json networking = Json::object();
        const std::string mode = str(host.value("NetworkMode", Json()));
        const Json networks = inspect.contains("NetworkSettings") && inspect["NetworkSettings"].is_object()
                                  ? inspect["NetworkSettings"].value("Networks", Json::object())
                                  : Json::object();
        const bool ownStack = !(mode == "host" || mode == "none" || startsWith(mode, "container:"));
        if (ownStack && networks.is_object()) {
            std::string primary = mode == "default" || mode.empty() ? "bridge" : mode;
            if (!networks.contains(primary) && !networks.empty()) {
                primary = networks.begin().key();
            }
            for (auto it = networks.begin(); it != networks.end(); ++it) {
                if (!it.value().is_object()) {
                    continue;
                }
                Json ep = endpointConfig(it.value(), id, hostname, options.trial);
                if (it.key() == primary) {
                    networking["EndpointsConfig"][it.key()] = ep;
                } else {
                    out.extraNetworks.emplace_back(it.key(), ep.dump());
                }
            }
        }

        Json body = config;
        body["HostConfig"] = host;
        if (!networking.empty()) {
            body["NetworkingConfig"] = networking;
        }
        out.json = body.dump();
        return out;
    });
}

std::string networkConnectBody(const std::string& containerId, const std::string& endpointConfig)
{
    Json ep = Json::parse(endpointConfig, nullptr, false);
    if (ep.is_discarded() || !ep.is_object()) {
        ep = Json::object();
    }
    return Json({{"Container", containerId}, {"EndpointConfig", ep}}).dump();
}

} // namespace drydock::json
