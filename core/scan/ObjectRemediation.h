#pragma once
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"

#include <vector>

namespace drydock {

// Renders each container's remediated `docker run` command and compose snippet once per container: its command
// with the edits of every open (not waived) finding on it, shared by all of that container's findings. A person
// gets one command that fixes the whole container instead of one variant per finding, and a scan of 10,000
// containers renders 10,000 commands instead of one per finding. A waived finding's edit is left out, so the
// command never takes back a risk someone accepted; each finding's own change stays in its add/remove flags.
class ObjectRemediation
{
public:
    static void render(std::vector<Finding>& findings, const Inventory& inventory);
    // After waivers were applied: renders again the containers that have a waived finding, and only those.
    static void refreshAfterWaivers(std::vector<Finding>& findings, const Inventory& inventory);

private:
    static void renderContainers(std::vector<Finding>& findings, const Inventory& inventory, bool onlyWithWaivers);
};

} // namespace drydock
