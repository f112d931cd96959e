#pragma once
#include "core/common/Result.h"

#include <string>

namespace drydock {

// Writes a fix into the file it belongs to (`drydock check --fix`, the Files page's Apply): only when the file
// still holds exactly the bytes that were reviewed (someone may have edited it since), after copying those bytes
// to a backup beside it ("compose.yaml.drydock-backup", numbered when one exists, never overwritten), through
// AtomicFileWriter so no reader sees half a file, keeping the file's permission bits. Returns the backup's path.
Result<std::string> writeFixToFile(const std::string& path, const std::string& reviewedText, const std::string& fixedText);

} // namespace drydock
