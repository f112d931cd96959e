#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>
#include <array>
#include <optional>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-006",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis(""),
    .title = "Host credential store bind-mounted",
    .rationale = "Whoever compromises the container can read the user's or the host's credentials (SSH keys, "
                 "cloud and registry logins, kubeconfig, password hashes) and, when the mount is writable, "
                 "plant new ones.",
    .fix = "Mount one purpose-made credential read-only (for example -v ~/.app-token:/run/secrets/token:ro) "
           "instead of a whole credential store.",
    .practice = "Mount only the secrets a container needs"};

// `*/.ssh*`-style stores: any path with the component prefix (B list of SEC-006).
constexpr std::array<std::string_view, 6> kStorePrefixes{"/.ssh",   "/.aws",           "/.kube",
                                                         "/.gnupg", "/.config/gcloud", "/.azure"};
constexpr std::array<std::string_view, 4> kStoreEndings{"/.docker", "/.docker/config.json", "/.netrc",
                                                        "/.git-credentials"};

std::optional<std::string_view> credentialStore(std::string_view source)
{
    while (source.size() > 1 && source.back() == '/') {
        source.remove_suffix(1);
    }
    for (const auto prefix : kStorePrefixes) {
        if (contains(source, prefix)) {
            return prefix.substr(1);
        }
    }
    for (const auto ending : kStoreEndings) {
        if (endsWith(source, ending)) {
            return ending.substr(1);
        }
    }
    if (source == "/etc/shadow" || source == "/etc/gshadow") {
        return source.substr(5);
    }
    if (source == "/etc/ssh" || startsWith(source, "/etc/ssh/")) {
        return std::string_view("ssh host keys");
    }
    return std::nullopt;
}

std::string mountFlag(const Container& c, const std::string& destination)
{
    const auto& specs = c.hostConfig.mounts;
    const bool viaMount =
        std::any_of(specs.begin(), specs.end(), [&](const MountSpec& m) { return m.target == destination; });
    return viaMount ? "--mount" : "--volume";
}

// Reports bind mounts of credential stores; critical when the container can also write them.
class CredentialStoreMountRule final : public ContainerRule
{
public:
    CredentialStoreMountRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Container& c, FindingCollector& out) const override
    {
        for (const auto& m : c.mounts) {
            if (m.type != "bind") {
                continue;
            }
            const auto store = credentialStore(m.source);
            if (!store) {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(c);
            draft.evidence = "Mounts[] bind " + m.source + " -> " + m.destination +
                             (m.rw ? " (rw)" : " (ro)") + ": " + std::string(*store);
            draft.discriminator = m.destination;
            draft.titleSuffix = ": " + m.source;
            if (m.rw) {
                draft.severity = Severity::Critical;
                draft.edits.push_back(
                    {RunEdit::Op::ReadOnlyMount, mountFlag(c, m.destination), m.destination});
            }
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeCredentialStoreMountRule)
{
    return std::make_unique<CredentialStoreMountRule>();
}

} // namespace drydock
