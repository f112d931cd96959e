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

namespace drydock {

// The canonical form of an edit as the hardener reads it: long flag names, "--cap-drop ALL" written in the
// flag alone split into flag and value. Shared with the create-body builder so both read edits alike.
RunEdit normalisedEdit(RunEdit edit);
// "DB_PASSWORD" -> "db_password": the secret's file name under /run/secrets (and /srv/secrets on the host).
std::string secretFileNameFor(std::string_view envName);

} // namespace drydock
