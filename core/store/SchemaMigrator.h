#pragma once
#include "core/common/Result.h"
#include "core/store/SqliteDatabase.h"

#include <string>
#include <vector>

namespace drydock {

// Brings a database to the newest schema through numbered migrations recorded in PRAGMA user_version.
// A database from a newer Drydock (higher user_version) is refused and left untouched.
class SchemaMigrator
{
public:
    static int latestVersion();
    // Up to `target` (the newest by default; tests build the histories older versions wrote).
    static Result<void> migrate(SqliteDatabase& db, int target = latestVersion());
    static Result<int> currentVersion(SqliteDatabase& db);
};

} // namespace drydock
