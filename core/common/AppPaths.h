#pragma once
#include <string>

namespace drydock {

// Where Drydock keeps its files, as the platform says: on Linux $XDG_DATA_HOME/drydock (history database)
// and $XDG_CONFIG_HOME/drydock (settings), falling back to ~/.local/share and ~/.config.
struct AppPaths
{
    static std::string dataDir();
    static std::string configDir();
    static std::string defaultDatabasePath(); // dataDir()/history.db
    // Creates the directory and its parents (mode 0700); false when it cannot.
    static bool ensureDir(const std::string& path);
};

} // namespace drydock
