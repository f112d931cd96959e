#include "core/common/AppPaths.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace drydock {

namespace {

std::string home()
{
    const char* h = std::getenv("HOME");
    if (h && *h == '/') {
        return h;
    }
    // Never /tmp: a shared directory would let another user pre-create or read the history.
    const passwd* pw = ::getpwuid(::geteuid());
    return pw && pw->pw_dir && *pw->pw_dir == '/' ? std::string(pw->pw_dir) : std::string();
}

std::string fromXdg(const char* variable, const char* fallback)
{
    const char* v = std::getenv(variable);
    // The XDG spec says relative paths are invalid and must be ignored.
    if (v && *v == '/') {
        return std::string(v) + "/drydock";
    }
    const std::string h = home();
    return h.empty() ? std::string() : h + fallback + "/drydock";
}

std::string octalMode(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

} // namespace

std::string AppPaths::dataDir() { return fromXdg("XDG_DATA_HOME", "/.local/share"); }
std::string AppPaths::configDir() { return fromXdg("XDG_CONFIG_HOME", "/.config"); }

std::string AppPaths::defaultDatabasePath()
{
    const std::string dir = dataDir();
    return dir.empty() ? std::string() : dir + "/history.db";
}

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

Result<void> AppPaths::ensurePrivateDir(const std::string& path, const std::string& purpose)
{
    if (path.empty()) {
        return Error::make(ErrorCode::Io,
                           "There is no place for " + purpose +
                               ": HOME is not set and the user has no home directory. Set HOME "
                               "or XDG_DATA_HOME, or name a file with --db.");
    }
    struct stat before
    {
    };
    const bool existed = ::stat(path.c_str(), &before) == 0;
    if (!ensureDir(path)) {
        return Error::make(ErrorCode::Io, "Cannot create the folder " + path + " for " + purpose + " (" +
                                              std::strerror(errno) +
                                              ") — check that its parent is writable.");
    }
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return Error::make(ErrorCode::Io,
                           path + " is not a folder; choose another place for " + purpose + ".");
    }
    if (st.st_uid != ::geteuid()) {
        return Error::make(
            ErrorCode::PermissionDenied,
            "The folder " + path + " for " + purpose + " belongs to user id " + std::to_string(st.st_uid) +
                ", not to you: its owner could read or replace what Drydock keeps there. Choose a "
                "folder of your own (--db, XDG_DATA_HOME).");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return Error::make(ErrorCode::PermissionDenied,
                           "The folder " + path + " for " + purpose + " is writable by other users (mode " +
                               octalMode(st.st_mode) +
                               "), who could replace or read what Drydock keeps there. Run `chmod go-w " +
                               path + "` or choose a folder of your own (--db, XDG_DATA_HOME).");
    }
    if (!existed) {
        ::chmod(path.c_str(), 0700); // ours and new: exactly 0700 whatever the umask did
    }
    return success();
}

} // namespace drydock
