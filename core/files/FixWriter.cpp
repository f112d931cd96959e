#include "core/files/FixWriter.h"

#include "core/common/AtomicFileWriter.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace drydock {

namespace fs = std::filesystem;

Result<std::string> writeFixToFile(const std::string& path, const std::string& reviewedText, const std::string& fixedText)
{
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return Error::make(ErrorCode::NotFound, path + " is no longer a regular file; nothing was written");
    }
    std::ifstream in(path, std::ios::binary);
    const std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        return Error::make(ErrorCode::Io, "could not read " + path + " again before writing the fix");
    }
    if (current != reviewedText) {
        return Error::make(ErrorCode::InvalidArgument,
                           path + " changed since it was checked; nothing was written — run the check again");
    }
    std::string backup = path + ".drydock-backup";
    for (int n = 1; fs::exists(fs::symlink_status(backup)); ++n) {
        if (n > 999) {
            return Error::make(ErrorCode::Io, "too many backups of " + path + "; remove old *.drydock-backup* files");
        }
        backup = path + ".drydock-backup." + std::to_string(n);
    }
    const unsigned mode = st.st_mode & 07777;
    if (auto saved = AtomicFileWriter::write(backup, current, mode); !saved) {
        return Error::make(saved.error().code, "could not write the backup " + backup + ": " + saved.error().message +
                                                   "; " + path + " was left as it was");
    }
    if (auto written = AtomicFileWriter::write(path, fixedText, mode); !written) {
        return Error::make(written.error().code, "could not write " + path + ": " + written.error().message +
                                                     " (it is unchanged; the backup is " + backup + ")");
    }
    return backup;
}

} // namespace drydock
