#pragma once
#include "core/common/Result.h"

#include <string>

namespace drydock {

// Where Drydock keeps its files, as the platform says: on Linux $XDG_DATA_HOME/drydock (history database)
// and $XDG_CONFIG_HOME/drydock (settings), falling back to ~/.local/share and ~/.config. Without HOME the
// home directory comes from the password database; there is never a fall-back to a shared directory such as
// /tmp (the history holds evidence), so with no home at all these are empty and opening says so.
struct AppPaths
{
    static std::string dataDir();
    static std::string configDir();
    static std::string defaultDatabasePath(); // dataDir()/history.db, empty when there is no home
    // Creates the directory and its parents (mode 0700); false when it cannot.
    static bool ensureDir(const std::string& path);
    // Creates the directory (0700) if needed and checks that it is a place only this user controls: a
    // directory owned by the current user that neither its group nor others may write to. What is it for
    // ("the history database") goes into the error, which says how to fix it.
    static Result<void> ensurePrivateDir(const std::string& path, const std::string& purpose);
};

} // namespace drydock
