#include "core/hardening/probe/ProbeCandidates.h"

#include "core/common/Strings.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/model/CapabilitySpelling.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunCommandHardener.h"

#include <algorithm>

namespace drydock {

namespace {

bool isCapDropAll(const RunEdit& raw)
{
    const RunEdit e = normalisedEdit(raw);
    return e.op == RunEdit::Op::AddFlag && e.flag == "--cap-drop" && capabilityFlagValue(e.value) == "ALL";
}

bool hasRule(const HardeningChange& c, const std::string& rule)
{
    return c.id == rule || std::find(c.ruleIds.begin(), c.ruleIds.end(), rule) != c.ruleIds.end();
}

// A trial shows what an edit does only when the trial container really differs by it: trials publish no
// ports (port edits change nothing there), mount volumes read-only (making one read-only changes nothing),
// and cannot tell whether an application reads a secret from a file instead of its environment.
bool probeable(const RunEdit& e)
{
    switch (e.op) {
    case RunEdit::Op::AddFlag:
    case RunEdit::Op::RemoveFlag:
    case RunEdit::Op::RemoveValue:
    case RunEdit::Op::RemoveMount:
        return true;
    default:
        return false;
    }
}

void addUnique(StringList& list, const std::string& item)
{
    if (std::find(list.begin(), list.end(), item) == list.end()) {
        list.push_back(item);
    }
}

StringList capabilityValues(const RunCommand& command, const std::string& flag)
{
    StringList out;
    for (const auto& v : command.values(flag)) {
        addUnique(out, capabilityFlagValue(v));
    }
    return out;
}

bool contains(const StringList& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

ProbeCandidate candidateFor(const HardeningChange& c)
{
    ProbeCandidate out;
    out.change = &c;
    out.trialEdits = c.edits;
    out.label = "applying " + c.id;
    const bool dropsAll = std::any_of(c.edits.begin(), c.edits.end(), isCapDropAll);
    for (const auto& raw : c.edits) {
        const RunEdit e = normalisedEdit(raw);
        if (hasRule(c, "CTR-003") && e.op == RunEdit::Op::RemoveValue && e.flag == "--cap-add") {
            out.kind = ProbeKind::DropAdded;
            out.capability = capabilityFlagValue(e.value);
            out.trialEdits = {e};
            out.alsoDropsAll = dropsAll;
            out.label = "dropping " + out.capability;
            return out;
        }
        if (e.op == RunEdit::Op::RemoveFlag && e.flag == "--privileged") {
            out.kind = ProbeKind::Privileged;
            out.label = "without --privileged";
            return out;
        }
    }
    if (dropsAll) {
        out.kind = ProbeKind::Capabilities;
        out.label = "cap-drop ALL";
    } else if (c.id == "read-only") {
        out.kind = ProbeKind::ReadOnly;
        out.label = "read-only root";
    } else if (hasRule(c, "CTR-001")) {
        out.kind = ProbeKind::User;
        for (const auto& e : c.edits) {
            if (e.op == RunEdit::Op::AddFlag && e.flag == "--user") {
                out.label = "running as " + e.value;
            }
        }
    }
    return out;
}

} // namespace

std::vector<ProbeCandidate> probeCandidates(const HardeningPlan& plan)
{
    std::vector<ProbeCandidate> out;
    for (const auto& c : plan.changes) {
        if (!c.automatic || c.choice == ChangeChoice::Waive || c.edits.empty() ||
            !std::all_of(c.edits.begin(), c.edits.end(), probeable)) {
            continue;
        }
        out.push_back(candidateFor(c));
    }
    return out;
}

StringList mountTargetsOf(const RunCommand& command)
{
    StringList out;
    for (const auto& v : command.values("--volume")) {
        out.push_back(VolumeArg::parse(v).target);
    }
    for (const auto& v : command.values("--mount")) {
        out.push_back(MountArg::parse(v).target());
    }
    for (const auto& v : command.values("--tmpfs")) {
        out.push_back(v.substr(0, v.find(':')));
    }
    return out;
}

StringList capabilityUniverse(const RunCommand& command, const StringList& removable)
{
    const StringList dropped = capabilityValues(command, "--cap-drop");
    StringList out;
    for (const auto& cap : dockerDefaultCapabilities()) {
        if (!contains(dropped, cap)) {
            out.push_back(cap);
        }
    }
    for (const auto& cap : capabilityValues(command, "--cap-add")) {
        if (contains(removable, cap)) {
            continue;
        }
        if (cap == "ALL") {
            for (const auto& any : linuxCapabilities()) {
                addUnique(out, any);
            }
        } else {
            addUnique(out, cap);
        }
    }
    return out;
}

StringList privilegedReplacementUniverse(const RunCommand& command)
{
    const StringList dropped = capabilityValues(command, "--cap-drop");
    const StringList added = capabilityValues(command, "--cap-add");
    if (contains(added, "ALL")) {
        return {};
    }
    StringList out;
    for (const auto& cap : linuxCapabilities()) {
        const bool kept =
            (isDockerDefaultCapability(cap) && !contains(dropped, cap) && !contains(dropped, "ALL")) ||
            contains(added, cap);
        if (!kept) {
            out.push_back(cap);
        }
    }
    return out;
}

std::vector<RunEdit> withCapabilities(std::vector<RunEdit> edits, const StringList& capabilities)
{
    for (const auto& cap : capabilities) {
        edits.push_back({RunEdit::Op::AddFlag, "--cap-add", cap});
    }
    return edits;
}

std::vector<RunEdit> dropAllExcept(const std::vector<RunEdit>& context, const RunCommand& command,
                                   const StringList& keep)
{
    std::vector<RunEdit> edits = context;
    edits.push_back({RunEdit::Op::AddFlag, "--cap-drop", "ALL"});
    for (const auto& cap : capabilityValues(command, "--cap-add")) {
        edits.push_back({RunEdit::Op::RemoveValue, "--cap-add", cap});
    }
    return withCapabilities(std::move(edits), keep);
}

std::vector<RunEdit> probedEdits(const HardeningChange& change, const ProbeVerdict& verdict)
{
    std::vector<RunEdit> edits = change.edits;
    for (const auto& cap : verdict.addedBack) {
        const RunEdit add{RunEdit::Op::AddFlag, "--cap-add", cap};
        if (std::find(edits.begin(), edits.end(), add) == edits.end()) {
            edits.push_back(add);
        }
    }
    for (const auto& dir : verdict.tmpfsDirectories) {
        const RunEdit tmpfs = keepWritableEdit(dir);
        if (std::find(edits.begin(), edits.end(), tmpfs) == edits.end()) {
            edits.push_back(tmpfs);
        }
    }
    return edits;
}

} // namespace drydock
