#pragma once
#include "core/findings/Finding.h"
#include "core/remediation/RunCommand.h"

#include <vector>

namespace drydock {

// Applies RunEdits to a command while keeping its behaviour: e.g. --read-only brings --tmpfs for the paths
// the container writes to, and --cap-drop ALL keeps the capabilities the process visibly needs.
class RunCommandHardener
{
public:
    RunCommand apply(RunCommand command, const std::vector<RunEdit>& edits) const;
};

// Renders RunEdits into the addFlags / removeFlags strings of a Remediation.
void renderEditFlags(Remediation& remediation);

} // namespace drydock
