#pragma once
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"

#include <string>
#include <vector>

namespace drydock {

// One flag the hardened command of an object adds or removes, and the open findings it resolves.
struct FlagChange
{
    bool added = true;                    // false: the command removes (or narrows) it
    std::string flag;                     // as the finding renders it: "--cap-drop ALL", "--privileged"
    std::vector<const Finding*> resolves; // the findings asking for it, in the order given
};

// An object's one hardened command as a report or the GUI shows it: the command and compose snippet (every
// finding of the object carries the same), each changed flag with the findings it resolves, the open findings
// whose change is left out because it needs a decision, and the object's distinct Dockerfile changes. Points
// into the findings it was made from.
struct ObjectHardening
{
    std::string runCommand;
    std::string compose;
    std::vector<FlagChange> changes;
    std::vector<const Finding*> leftOut;
    std::vector<std::string> dockerfile;
};

// Renders each container's hardened `docker run` command and compose snippet once per container: its command
// with all of the hardening plan's default changes together — the edits of every open (not waived) finding
// whose rule is applied by default (RuleAdvice) — shared by all of that container's findings. A change that
// needs a decision (privileged mode, host namespaces, added capabilities, published ports, …) is left out and
// named in a comment line before the command with what it risks, so pasting the command never breaks an
// application by surprise; the finding's own change stays in its add/remove flags. A waived finding's edit is
// left out too, so the command never takes back a risk someone accepted. A person gets one command per
// container, and a scan of 10,000 containers renders 10,000 commands instead of one per finding.
class ObjectRemediation
{
public:
    static void render(std::vector<Finding>& findings, const Inventory& inventory);
    // After waivers were applied: renders again the containers that have a waived finding, and only those.
    static void refreshAfterWaivers(std::vector<Finding>& findings, const Inventory& inventory);

    // Whether a finding's edits go into the one command (open, and its rule applied by default).
    static bool inDefaultCommand(const Finding& finding);
    // What the one command of an object changes, from the findings of that object alone (their rendered
    // flags), so a stored scan without its inventory gives the same.
    static ObjectHardening describe(const std::vector<const Finding*>& objectFindings);

private:
    static void renderContainers(std::vector<Finding>& findings, const Inventory& inventory, bool onlyWithWaivers);
};

} // namespace drydock
