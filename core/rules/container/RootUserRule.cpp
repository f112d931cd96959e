#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-001",
    .area = Area::Container,
    .defaultSeverity = Severity::High,
    .cis = cis("4.1"),
    .title = "Container runs as root",
    .rationale = "The main process runs as UID 0. Without user-namespace remapping that is the host kernel's "
                 "root identity: a kernel bug, a writable host mount or a dangerous capability turns into "
                 "root on the host.",
    .fix = "Run as an unprivileged UID (--user 10001:10001, or USER 10001 in the Dockerfile) and chown the "
           "directories the application writes to.",
    .practice = "Run containers as a non-root user"};

// Flags containers whose merged Config.User starts the process as UID 0.
class RootUserRule final : public ContainerRule
{
public:
    RootUserRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const std::string& user = c.config.user;
        if (!isRootUser(user)) {
            return; // a named user passes here; LAY-013 resolves names once layers are read
        }
        std::string evidence =
            user.empty() ? "Config.User is empty (defaults to root)" : "Config.User = \"" + user + "\"";
        // The image's /etc/passwd is not known from the API, so the fix uses a numeric UID and GID that
        // need no passwd entry.
        FindingDraft draft =
            containerDraft(c, std::move(evidence), {removeFlag("--user"), addFlag("--user", "10001:10001")});
        // With userns remapping or a rootless daemon, UID 0 inside maps to an unprivileged host UID.
        if (context.daemonRemapsRoot()) {
            draft.severity = Severity::Medium;
            draft.evidence += "; daemon remaps root (userns/rootless)";
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeRootUserRule)
{
    return std::make_unique<RootUserRule>();
}

} // namespace drydock
