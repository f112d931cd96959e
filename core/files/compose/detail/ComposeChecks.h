#pragma once
#include "core/files/compose/ComposeProject.h"
#include "core/files/compose/ComposeServiceMapper.h"
#include "core/findings/Finding.h"

#include <vector>

// The compose-only checks (CMP-…): what the daemon rules cannot see because it exists only in the files.
// Not for use outside core/files/compose.
namespace drydock::compose::detail {

// CMP-001 unset variable in a secret-looking key, CMP-002 named volume not declared, CMP-003 network not
// declared, CMP-004 secret or config not declared. Findings have their location set.
std::vector<Finding> composeOnlyFindings(const ComposeProject& project,
                                         const std::vector<ComposeServiceMapping>& services);

// The location of a mark in the project (the file as named, line, column).
SourceLocation locationOf(const ComposeProject& project, const YamlMark& mark);

} // namespace drydock::compose::detail
