#pragma once
#include "core/common/Severity.h"

namespace drydock {

// The colour of a severity badge in every HTML and PDF report (readable on white, white text readable on it).
const char* severityColour(Severity severity);

} // namespace drydock
