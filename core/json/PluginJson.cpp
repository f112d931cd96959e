// Managed plugin list answer -> model: the privileges each plugin runs with.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

#include <algorithm>

namespace drydock::json {

using namespace detail;

namespace {

void addMountSources(const Json* mounts, StringList& into)
{
    if (!mounts || !mounts->is_array()) {
        return;
    }
    for (const auto& m : *mounts) {
        const std::string source = str(m, "Source");
        if (!source.empty() && std::find(into.begin(), into.end(), source) == into.end()) {
            into.push_back(source);
        }
    }
}

} // namespace

Result<std::vector<Plugin>> parsePlugins(std::string_view body)
{
    constexpr std::string_view kind = "plugin list";
    return guarded(kind, [&]() -> Result<std::vector<Plugin>> {
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<Plugin> out;
        for (const auto& p : *doc) {
            if (!p.is_object()) {
                continue;
            }
            Plugin plugin;
            plugin.id = str(p, "Id");
            plugin.name = str(p, "Name");
            plugin.enabled = boolean(p, "Enabled");
            if (const Json* config = object(p, "Config")) {
                if (const Json* linuxConfig = object(*config, "Linux")) {
                    plugin.capabilities = capabilities(*linuxConfig, "Capabilities");
                    plugin.allowAllDevices = boolean(*linuxConfig, "AllowAllDevices");
                }
                if (const Json* network = object(*config, "Network")) {
                    plugin.networkType = str(*network, "Type");
                }
                plugin.pidHost = boolean(*config, "PidHost");
                plugin.ipcHost = boolean(*config, "IpcHost");
                addMountSources(array(*config, "Mounts"), plugin.mountSources);
            }
            // Settings hold what the user set at install time; their sources are mounted too.
            if (const Json* settings = object(p, "Settings")) {
                addMountSources(array(*settings, "Mounts"), plugin.mountSources);
            }
            out.push_back(std::move(plugin));
        }
        return out;
    });
}

} // namespace drydock::json
