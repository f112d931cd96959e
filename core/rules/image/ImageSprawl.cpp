#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <map>
#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-019",
    .area = Area::Image,
    .defaultSeverity = Severity::Info,
    .cis = cis("6.1"),
    .title = "Image sprawl: dangling or unused image",
    .rationale = "Images nobody runs still take disk space and still get picked up by the next `docker run`, "
                 "often long after they stopped receiving fixes.",
    .fix = "Prune images you no longer need: dangling ones regularly, unused ones after review.",
    .practice = "Prune unused images"};

constexpr std::string_view kDockerfile = "# Not a Dockerfile change; on the Docker host run:\n"
                                         "#   docker image prune      # dangling images\n"
                                         "#   docker image prune -a   # every image no container uses\n";

bool isDangling(const Image& image)
{
    for (const auto& tag : image.repoTags) {
        if (!tag.empty() && tag != "<none>:<none>") {
            return false;
        }
    }
    return true;
}

// Reports dangling images and images no container (running or stopped) was created from. It needs the whole
// inventory, so it is a BasicRule. An untagged image that is the Parent of another image is an intermediate
// build layer, not sprawl. A dangling image a container still runs is reported with that context: pruning
// will not remove it, recreating the container from the current tag will.
class ImageSprawl final : public BasicRule
{
public:
    ImageSprawl() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        std::map<std::string, std::vector<const Container*>> users;
        for (const auto& container : inventory.containers) {
            users[container.imageId].push_back(&container);
        }
        std::set<std::string> parents;
        for (const auto& image : inventory.images) {
            if (!image.parent.empty()) {
                parents.insert(image.parent);
            }
        }
        for (const auto& image : inventory.images) {
            const auto used = users.find(image.id);
            const bool inUse = used != users.end();
            std::string evidence;
            if (isDangling(image)) {
                if (!inUse && parents.count(image.id)) {
                    continue;
                }
                evidence = inUse ? "RepoTags is empty (dangling); still used by container " +
                                       used->second.front()->name + ": recreate it from the current tag"
                                 : "RepoTags is empty (dangling) and no container uses it";
            } else if (!inUse) {
                evidence = "No container uses this image (" + std::to_string(inventory.containers.size()) +
                           " containers checked)";
            } else {
                continue;
            }
            FindingDraft draft;
            draft.object = refOf(image);
            draft.evidence = evidenceText(evidence);
            draft.dockerfile = std::string(kDockerfile);
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeImageSprawlRule)
{
    return std::make_unique<ImageSprawl>();
}

} // namespace drydock
