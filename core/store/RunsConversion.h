#pragma once
#include "core/common/Result.h"
#include "core/store/SqliteDatabase.h"

namespace drydock {

// Schema 3 -> 4: rewrites a history that kept every finding of every scan as its own row (with the full
// remediated command and compose snippet each time) into finding bodies stored once and runs of scans, scan by
// scan in the order they were saved, then drops the old table. Runs inside the migration's transaction, so a
// failure leaves the file as it was.
struct RunsConversion
{
    static Result<void> convert(SqliteDatabase& db);
};

} // namespace drydock
