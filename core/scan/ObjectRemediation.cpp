#include "core/scan/ObjectRemediation.h"

#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/rules/RuleAdvice.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace drydock {

namespace {

// The note naming one left-out change: the rule id and what applying it risks. Titles and flags are left out
// of the comment on purpose: they can hold daemon text, and the rule id is enough to find the rest in the
// report.
std::string leftOutNote(const std::string& ruleId)
{
    return "Not in this command, decide first: " + ruleId + " (" + ruleAdvice(ruleId).risk + ")";
}

} // namespace

bool ObjectRemediation::inDefaultCommand(const Finding& finding)
{
    return !finding.waiver && ruleAdvice(finding.ruleId).appliedByDefault;
}

ObjectHardening ObjectRemediation::describe(const std::vector<const Finding*>& objectFindings)
{
    ObjectHardening out;
    std::set<std::string> dockerfiles;
    const auto note = [&out](bool added, const std::string& flag, const Finding* f) {
        for (auto& c : out.changes) {
            if (c.added == added && c.flag == flag) {
                c.resolves.push_back(f);
                return;
            }
        }
        out.changes.push_back({added, flag, {f}});
    };
    for (const Finding* f : objectFindings) {
        if (f->waiver) {
            continue;
        }
        if (out.runCommand.empty()) {
            out.runCommand = f->remediation.runCommand;
            out.compose = f->remediation.compose;
        }
        if (!f->remediation.dockerfile.empty() && dockerfiles.insert(f->remediation.dockerfile).second) {
            out.dockerfile.push_back(f->remediation.dockerfile);
        }
        const bool hasChange = !f->remediation.addFlags.empty() || !f->remediation.removeFlags.empty();
        if (!hasChange) {
            continue;
        }
        if (!inDefaultCommand(*f)) {
            out.leftOut.push_back(f);
            continue;
        }
        for (const auto& flag : f->remediation.removeFlags) {
            note(false, flag, f);
        }
        for (const auto& flag : f->remediation.addFlags) {
            note(true, flag, f);
        }
    }
    return out;
}

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
        std::vector<std::string> leftOut; // rule ids, once each, in scan order
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
        if (inDefaultCommand(f)) {
            it->second.edits.insert(it->second.edits.end(), f.remediation.edits.begin(),
                                    f.remediation.edits.end());
        } else if (!f.waiver && !f.remediation.edits.empty() &&
                   std::find(it->second.leftOut.begin(), it->second.leftOut.end(), f.ruleId) ==
                       it->second.leftOut.end()) {
            it->second.leftOut.push_back(f.ruleId);
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
        RunCommand hardened = hardener.apply(original, group.edits);
        for (const auto& ruleId : group.leftOut) {
            hardened.notes.push_back(leftOutNote(ruleId));
        }
        const std::string runCommand = hardened.render();
        // The named volumes and networks of the container as it runs exist: external in compose.
        const std::string snippet =
            compose.render(container.name, hardened, ComposeSnippetOptions::asOnTheDaemon(original));
        for (Finding* f : group.findings) {
            f->remediation.runCommand = runCommand;
            f->remediation.compose = snippet;
        }
    }
}

} // namespace drydock
