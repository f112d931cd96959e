#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-008",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Credentials in volume options",
    .rationale = "Volume options are returned verbatim by the API, so a CIFS or NFS password given with "
                 "--opt o=…,password=… is readable by every API user.",
    .fix = "Mount the share on the host with a root-only credentials file and bind-mount it, or use a volume "
           "plugin with secret support.",
    .practice = "Keep secrets out of configuration that the API returns"};

// Reports volume options that are credentials, or that carry one inside (o=username=…,password=…).
class VolumeOptionSecretRule final : public BasicRule
{
public:
    VolumeOptionSecretRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        for (const auto& volume : context.inventory().volumes) {
            if (!context.inFocus(ObjectType::Volume, volume.name)) {
                continue;
            }
            std::set<std::string> seen;
            for (const auto& [key, value] : volume.options) {
                // A whole value under a secret key, else the pairs inside it (o=username=bob,password=x): the
                // connection-string hit on the same password is the pair's, not a finding of its own.
                std::vector<SecretMatch> matches;
                auto whole = m_detector.inspectVariable(key, value, SecretPlace::Option);
                if (whole && !(whole->knownFormat && whole->kind == "connection-string")) {
                    matches.push_back(std::move(*whole));
                } else {
                    for (auto& m : m_detector.inspectDocument(value)) {
                        if (m.kind != "connection-string" || !m.name.empty()) {
                            matches.push_back(std::move(m));
                        }
                    }
                    if (matches.empty() && whole) {
                        matches.push_back(std::move(*whole));
                    }
                }
                for (const auto& match : matches) {
                    const std::string where = match.name == key ? key : key + "/" + match.label();
                    if (!seen.insert(where).second) {
                        continue;
                    }
                    FindingDraft draft;
                    draft.object = refOf(volume);
                    draft.evidence = "Options" + (match.name == key ? std::string() : "." + key) + " " +
                                     match.describe() + ": " + match.reason;
                    draft.severity = secretfacts::secretSeverity(match);
                    draft.discriminator = where;
                    draft.titleSuffix = ": " + where;
                    out.add(info(), std::move(draft));
                }
            }
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeVolumeOptionSecretRule)
{
    return std::make_unique<VolumeOptionSecretRule>();
}

} // namespace drydock
