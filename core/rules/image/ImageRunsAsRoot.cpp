#include "core/common/Strings.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-001",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.1"),
    .title = "Image starts as root by default",
    .rationale =
        "The image sets no unprivileged USER, so every container started from it without --user runs "
        "its process as UID 0. A compromise of that process then starts with root inside the "
        "container, one kernel bug or loose mount away from root on the host.",
    .fix = "Create a dedicated user with a fixed UID in the image and switch to it with USER after the steps "
           "that need root.",
    .practice = "Run containers as a non-root user"};

constexpr std::string_view kDockerfile = "RUN useradd -r -u 10001 app\n"
                                         "# Alpine: RUN adduser -D -u 10001 app\n"
                                         "USER 10001:10001\n";

// True for the user part of Config.User that means UID 0: empty (the default), "root", or a number that is 0
// ("0", "00"). The sources miss "0:0" and "root:root"; the group part never changes who the user is.
bool meansRoot(std::string_view user)
{
    const std::string name = trim(user.substr(0, user.find(':')));
    if (name.empty() || name == "root") {
        return true;
    }
    return std::all_of(name.begin(), name.end(), [](char c) { return c == '0'; });
}

// Flags images whose default user is root.
class ImageRunsAsRoot final : public ImageRule
{
public:
    ImageRunsAsRoot() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const std::string& user = image.config.user;
        if (!meansRoot(user)) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = trim(user).empty() ? std::string("Config.User is empty")
                                            : evidenceText("Config.User = \"" + user + "\"");
        draft.dockerfile = snippetOr(DockerfileSnippet::nonRootUser(), kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeImageRunsAsRootRule)
{
    return std::make_unique<ImageRunsAsRoot>();
}

} // namespace drydock
