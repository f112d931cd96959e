#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-012",
    .area = Area::Container,
    .defaultSeverity = Severity::High,
    .cis = cis("5.6"),
    .title = "Sensitive host path mounted",
    .rationale = "A bind of a system directory exposes host configuration, binaries, kernel interfaces or "
                 "the daemon's own state. Writable, it means host takeover (edit /etc, replace a binary); "
                 "read-only, it still leaks credentials and keys.",
    .fix = "Mount only the file or directory the application needs, read-only "
           "(-v /etc/app/app.conf:/etc/app/app.conf:ro instead of -v /etc:/host/etc).",
    .practice = "Do not mount sensitive host paths"};

const char* relationText(containerfacts::SensitivePathMatch::Relation relation)
{
    using Relation = containerfacts::SensitivePathMatch::Relation;
    switch (relation) {
    case Relation::Equal:
        return "is";
    case Relation::Under:
        return "is inside";
    case Relation::Parent:
        return "contains";
    }
    return "is";
}

// Reports bind mounts whose host source is, lies under, or contains a path from catalogue B.3.
class SensitiveMountRule final : public ContainerRule
{
public:
    SensitiveMountRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        for (const auto& m : c.mounts) {
            // Only binds carry a host path; a *volume* whose destination is /usr is not a host mount
            // (docker-bench's false positive).
            if (m.type != "bind") {
                continue;
            }
            // The runtime socket itself is CTR-013's finding; reporting it again as "/run" would only
            // duplicate it at a lower grade. A directory that merely contains the socket stays here too.
            const auto socket = matchRuntimeSocket(m, context.settings().ownSocketPath);
            if (socket && socket->kind != RuntimeSocketMatch::Kind::ParentOfOwnSocket) {
                continue;
            }
            const auto match = matchSensitivePath(m.source, m.rw);
            if (!match) {
                continue;
            }
            std::string evidence = describeMount(m);
            if (match->hostPath != cleanPath(m.source)) {
                evidence += std::string(", ") + relationText(match->relation) + " host " + match->hostPath;
            }
            FindingDraft draft = containerDraft(c, std::move(evidence), {removeMount(c, m.destination)});
            draft.severity = match->severity;
            draft.discriminator = m.destination;
            draft.titleSuffix = ": " + cleanPath(m.source);
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSensitiveMountRule)
{
    return std::make_unique<SensitiveMountRule>();
}

} // namespace drydock
