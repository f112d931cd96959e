#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-010",
    .area = Area::Container,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "Namespace shared with another container",
    .rationale = "A container that joins another's PID, IPC or network namespace can see and reach that "
                 "container's processes, memory or sockets: compromising one reaches the other.",
    .fix =
        "Keep only intentional pairings (a sidecar); otherwise remove --pid/--ipc/--network container:<x>.",
    .practice = "Keep containers in their own namespaces"};

// Reports each namespace joined from another container (PidMode, IpcMode, NetworkMode = container:<x>).
class SharedNamespaceRule final : public ContainerRule
{
public:
    SharedNamespaceRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        // One namespace mode of the container, with the inspect field and run flag that set it.
        struct Namespace
        {
            const char* kind;
            const char* field;
            const char* flag;
            const std::string& mode;
        };
        const Namespace namespaces[] = {{"pid", "PidMode", "--pid", c.hostConfig.pidMode},
                                        {"ipc", "IpcMode", "--ipc", c.hostConfig.ipcMode},
                                        {"network", "NetworkMode", "--network", c.hostConfig.networkMode}};
        for (const auto& ns : namespaces) {
            if (!startsWith(ns.mode, "container:")) {
                continue;
            }
            out.add(info(), draftFor(context, c, ns.kind, ns.field, ns.flag, ns.mode.substr(10)));
        }
    }

private:
    static FindingDraft draftFor(const RuleContext& context, const Container& c, const char* kind,
                                 const char* field, const char* flag, const std::string& peer)
    {
        using namespace containerfacts;
        // The daemon stores the peer's full id; show a short id and the name people know it by.
        const Container* other = context.containerById(peer);
        std::string shown = other ? other->shortId() + " (" + other->name + ")" : peer;
        FindingDraft draft = containerDraft(c, std::string("HostConfig.") + field + " = container:" + shown,
                                            {removeFlag(flag)});
        draft.discriminator = kind;
        draft.titleSuffix = std::string(": ") + kind;
        return draft;
    }
};

} // namespace

DRYDOCK_RULE(makeSharedNamespaceRule)
{
    return std::make_unique<SharedNamespaceRule>();
}

} // namespace drydock
