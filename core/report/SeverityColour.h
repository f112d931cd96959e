#pragma once
#include "core/common/Severity.h"

#include <string>

namespace drydock {

// The colour of a severity badge in every HTML and PDF report (readable on white, white text readable on it).
const char* severityColour(Severity severity);

// A severity as a badge: white on its colour in a browser; in the print variant (Qt's renderer draws no
// rounded backgrounds) bold text in its colour.
std::string severityBadge(Severity severity, bool print);

} // namespace drydock
