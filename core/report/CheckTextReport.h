#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/files/ProjectReview.h"

#include <string>

namespace drydock {

// `drydock check`'s terminal output, as linters print it: one line per finding, "FILE:LINE:COL  SEVERITY  RULE
// title", sorted by file and line; files that could not be read or parsed with their reason; the notes; a
// summary line saying which files have a fix and how to see (--diff) or write (--fix) it. Untrusted text is
// cleaned of control characters; secrets were masked before they reached a finding.
// With verbose, CIS references are shown in version cis.
std::string checkTextReport(const ProjectReview& review, bool verbose, CisVersion cis = kDefaultCisVersion);

} // namespace drydock
