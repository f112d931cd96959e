#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-013",
    .area = Area::Container,
    .defaultSeverity = Severity::Critical,
    .cis = cis("5.32"),
    .title = "Container runtime API reachable from the container",
    .rationale = "Whoever can talk to the Docker (or containerd, CRI-O, Podman) API can start a privileged "
                 "container that mounts the host's root: the API is root on the host. Mounting the socket "
                 "read-only does not help, because API calls over a socket are not file writes.",
    .fix = "Do not mount the runtime socket or point DOCKER_HOST at the daemon. If a tool truly needs the "
           "API, put an authorising proxy in front of it that allows only the calls it uses.",
    .practice = "Never expose the Docker socket to a container"};

std::string reasonFor(const containerfacts::RuntimeSocketMatch& match)
{
    using Kind = containerfacts::RuntimeSocketMatch::Kind;
    switch (match.kind) {
    case Kind::OwnSocket:
        return "the socket Drydock is connected to";
    case Kind::ParentOfOwnSocket:
        return "contains " + match.detail + ", the socket Drydock is connected to";
    case Kind::SocketDirectory:
        return "Docker runtime directory";
    case Kind::SocketName:
        return "runtime socket";
    }
    return "runtime socket";
}

// Reports mounts that hand the container a runtime API socket, and DOCKER_HOST pointing at a TCP daemon.
class RuntimeSocketRule final : public ContainerRule
{
public:
    RuntimeSocketRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        for (const auto& m : c.mounts) {
            const auto match = matchRuntimeSocket(m, context.settings().ownSocketPath);
            if (!match) {
                continue;
            }
            FindingDraft draft = containerDraft(c, describeMount(m) + ": " + reasonFor(*match),
                                                {removeMount(c, m.destination)});
            draft.discriminator = m.destination;
            draft.titleSuffix = ": " + m.destination;
            out.add(info(), std::move(draft));
        }
        for (const auto& entry : c.config.env) {
            const auto eq = entry.find('=');
            const std::string name = entry.substr(0, eq);
            const std::string value = eq == std::string::npos ? std::string() : entry.substr(eq + 1);
            if (name != "DOCKER_HOST" || !startsWith(toLower(trim(value)), "tcp://")) {
                continue;
            }
            // No RunEdit: taking DOCKER_HOST away breaks the tool without removing its need for the API;
            // the fix (a filtering proxy) needs a person.
            FindingDraft draft = containerDraft(c, "Config.Env DOCKER_HOST=" + maskUrlCredentials(value));
            draft.discriminator = "env:DOCKER_HOST";
            draft.titleSuffix = ": DOCKER_HOST";
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeRuntimeSocketRule)
{
    return std::make_unique<RuntimeSocketRule>();
}

} // namespace drydock
