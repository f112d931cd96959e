#include "app/cli/OutputFile.h"

#include "core/common/AtomicFileWriter.h"

#include <cstdio>

namespace drydock::app {

Result<void> writeOutput(const std::string& path, const std::string& text)
{
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return success();
    }
    return AtomicFileWriter::write(path, text);
}

} // namespace drydock::app
