#pragma once
#include "core/common/Result.h"

#include <string>

namespace drydock::app {

// Writes text to a file through AtomicFileWriter (a new 0600 temporary file, renamed into place; a symlink
// at the path is replaced, never followed), so a failed run never leaves a half report; "-" writes to stdout.
Result<void> writeOutput(const std::string& path, const std::string& text);

} // namespace drydock::app
