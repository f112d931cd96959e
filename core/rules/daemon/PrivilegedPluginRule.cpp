#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-021",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Managed plugin runs with host privileges",
    .rationale =
        "An enabled plugin was granted capabilities, host devices, the host network, PID or IPC "
        "namespace, or the host's root filesystem. It runs as a privileged helper next to the daemon, "
        "so whoever controls the plugin image controls the host.",
    .fix = "Keep only plugins you trust and need; review what each is granted with `docker plugin inspect "
           "<plugin>`, and remove the rest with `docker plugin disable <plugin>` and `docker plugin rm "
           "<plugin>`.",
    .practice = "Use trusted images and registries (OWASP #9)"};

// One finding per enabled plugin, listing everything it was granted that reaches the host.
class PrivilegedPluginRule final : public BasicRule
{
public:
    PrivilegedPluginRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        for (const auto& plugin : context.inventory().plugins) {
            if (!plugin.enabled) {
                continue;
            }
            std::vector<std::string> grants;
            if (!plugin.capabilities.empty()) {
                grants.push_back("Config.Linux.Capabilities = [" + join(plugin.capabilities, ", ") + "]");
            }
            if (plugin.allowAllDevices) {
                grants.push_back("Config.Linux.AllowAllDevices = true");
            }
            if (plugin.networkType == "host") {
                grants.push_back("Config.Network.Type = host");
            }
            if (plugin.pidHost) {
                grants.push_back("Config.PidHost = true");
            }
            if (plugin.ipcHost) {
                grants.push_back("Config.IpcHost = true");
            }
            if (std::find(plugin.mountSources.begin(), plugin.mountSources.end(), "/") !=
                plugin.mountSources.end()) {
                grants.push_back("Settings.Mounts source /");
            }
            if (grants.empty()) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(plugin);
            draft.evidence = join(grants, "; ");
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makePrivilegedPluginRule)
{
    return std::make_unique<PrivilegedPluginRule>();
}

} // namespace drydock
