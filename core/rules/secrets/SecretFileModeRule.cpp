#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

#include <cstdio>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-011",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Low,
    .cis = cis("7.4"),
    .title = "Secret file readable by group or others",
    .rationale =
        "The CLI mounts secrets with mode 0444 by default, so any UID inside the task can read them, "
        "not only the application's.",
    .fix = "Mount the secret with mode 0400, owned by the application's UID (--secret "
           "source=…,target=…,uid=10001,gid=10001,mode=0400).",
    .practice = "Use Docker secrets for sensitive data"};

std::string octal(int mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode) & 07777u);
    return text;
}

// Reports service secret mounts whose file mode grants read to group or others.
class SecretFileModeRule final : public BasicRule
{
public:
    SecretFileModeRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (!context.inventory().swarm) {
            return;
        }
        for (const auto& service : context.inventory().swarm->services) {
            for (const auto& secret : service.secrets) {
                const bool group = secret.mode & 040;
                const bool other = secret.mode & 004;
                if (!group && !other) {
                    continue;
                }
                const std::string readers = group && other ? "group and others" : group ? "group" : "others";
                FindingDraft draft;
                draft.object = refOf(service);
                draft.evidence = "Secrets " + secret.name + " File.Mode " + octal(secret.mode) + " (" +
                                 readers + " can read)";
                draft.discriminator = secret.name;
                draft.titleSuffix = ": " + secret.name;
                out.add(info(), std::move(draft));
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSecretFileModeRule)
{
    return std::make_unique<SecretFileModeRule>();
}

} // namespace drydock
