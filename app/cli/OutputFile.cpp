#include "app/cli/OutputFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace drydock::app {

Result<void> writeOutput(const std::string& path, const std::string& text)
{
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return success();
    }
    // Devices and pipes (/dev/null, a FIFO) are written in place; only regular files get temp + rename.
    struct stat st{};
    const bool special = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    const std::string temp = special ? path : path + ".part";
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) {
        return Error::make(ErrorCode::Io, "Cannot write " + path + ": " + std::strerror(errno));
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed || (!special && std::rename(temp.c_str(), path.c_str()) != 0)) {
        const std::string why = std::strerror(errno);
        if (!special) {
            std::remove(temp.c_str());
        }
        return Error::make(ErrorCode::Io, "Cannot write " + path + ": " + why);
    }
    return success();
}

} // namespace drydock::app
