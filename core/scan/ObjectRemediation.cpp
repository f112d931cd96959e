#include "core/scan/ObjectRemediation.h"

#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"

#include <algorithm>
#include <unordered_map>

namespace drydock {

void ObjectRemediation::render(std::vector<Finding>& findings, const Inventory& inventory)
{
    renderContainers(findings, inventory, false);
}

void ObjectRemediation::refreshAfterWaivers(std::vector<Finding>& findings, const Inventory& inventory)
{
    renderContainers(findings, inventory, true);
}

void ObjectRemediation::renderContainers(std::vector<Finding>& findings, const Inventory& inventory,
                                         bool onlyWithWaivers)
{
    // The findings of each container, in scan order, and the edits of the open ones in the same order.
    struct Group
    {
        std::vector<Finding*> findings;
        std::vector<RunEdit> edits;
        bool waived = false;
    };
    std::unordered_map<std::string, Group> byContainer;
    std::vector<std::string> order;
    for (auto& f : findings) {
        if (f.object.type != ObjectType::Container) {
            continue;
        }
        auto [it, added] = byContainer.try_emplace(f.object.id);
        if (added) {
            order.push_back(f.object.id);
        }
        it->second.findings.push_back(&f);
        it->second.waived = it->second.waived || f.waiver.has_value();
        if (!f.waiver) {
            it->second.edits.insert(it->second.edits.end(), f.remediation.edits.begin(), f.remediation.edits.end());
        }
    }
    if (onlyWithWaivers) { // the others already carry the command render() gave them
        order.erase(std::remove_if(order.begin(), order.end(), [&](const std::string& id) {
                        return !byContainer[id].waived;
                    }),
                    order.end());
    }
    if (order.empty()) {
        return;
    }
    std::unordered_map<std::string, const Container*> containers;
    for (const auto& c : inventory.containers) {
        containers.emplace(c.id, &c);
    }
    std::unordered_map<std::string, const Image*> images;
    for (const auto& i : inventory.images) {
        images.emplace(i.id, &i);
    }
    const RunCommandBuilder builder;
    const RunCommandHardener hardener;
    const ComposeSnippet compose;
    for (const auto& id : order) {
        const auto c = containers.find(id);
        if (c == containers.end()) {
            continue;
        }
        const Container& container = *c->second;
        const auto image = images.find(container.imageId);
        const RunCommand original = builder.build(container, image == images.end() ? nullptr : image->second);
        Group& group = byContainer[id];
        const RunCommand hardened = hardener.apply(original, group.edits);
        const std::string runCommand = hardened.render();
        const std::string snippet = compose.render(container.name, hardened);
        for (Finding* f : group.findings) {
            f->remediation.runCommand = runCommand;
            f->remediation.compose = snippet;
        }
    }
}

} // namespace drydock
