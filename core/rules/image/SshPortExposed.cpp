#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-012",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.7"),
    .title = "SSH port exposed by the image",
    .rationale = "EXPOSE 22 points to an SSH server shipped in the image: one more network daemon to patch, "
                 "plus keys or passwords to manage, for access that docker exec already gives.",
    .fix = "Remove the SSH server and EXPOSE 22; use docker exec for interactive access.",
    .practice = "One service per container; no sshd"};

constexpr std::string_view kDockerfile = "# Delete EXPOSE 22 and the SSH server package (openssh-server);\n"
                                         "# use `docker exec -it <container> sh` for access.\n";

// Flags images that expose port 22 over TCP ("22" without a protocol means TCP).
class SshPortExposed final : public ImageRule
{
public:
    SshPortExposed() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        for (const auto& port : image.config.exposedPorts) {
            if (port == "22/tcp" || port == "22") {
                FindingDraft draft;
                draft.object = refOf(image);
                draft.evidence = "Config.ExposedPorts has \"" + port + "\"";
                draft.dockerfile = std::string(kDockerfile);
                out.add(info(), std::move(draft));
                return;
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSshPortExposedRule)
{
    return std::make_unique<SshPortExposed>();
}

} // namespace drydock
