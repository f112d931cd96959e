#include "core/common/AppPaths.h"

#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>

namespace drydock {

namespace {

std::string home()
{
    const char* h = std::getenv("HOME");
    return h && *h ? h : "/tmp";
}

std::string fromXdg(const char* variable, const char* fallback)
{
    const char* v = std::getenv(variable);
    // The XDG spec says relative paths are invalid and must be ignored.
    const std::string base = (v && *v == '/') ? std::string(v) : home() + fallback;
    return base + "/drydock";
}

} // namespace

std::string AppPaths::dataDir() { return fromXdg("XDG_DATA_HOME", "/.local/share"); }
std::string AppPaths::configDir() { return fromXdg("XDG_CONFIG_HOME", "/.config"); }
std::string AppPaths::defaultDatabasePath() { return dataDir() + "/history.db"; }

bool AppPaths::ensureDir(const std::string& path)
{
    if (path.empty()) {
        return false;
    }
    for (std::size_t pos = 1; pos <= path.size(); ++pos) {
        if (pos == path.size() || path[pos] == '/') {
            const std::string part = path.substr(0, pos);
            if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
                return false;
            }
        }
    }
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace drydock
